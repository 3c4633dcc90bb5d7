package io.mlsyslab.network;

import io.mlsyslab.platform.test.ServiceSmokeIT;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NetworkServiceIT extends ServiceSmokeIT {

    NetworkServiceIT() {
        super("network");
    }
}
