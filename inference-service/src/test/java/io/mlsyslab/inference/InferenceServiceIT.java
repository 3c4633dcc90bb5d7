package io.mlsyslab.inference;

import io.mlsyslab.platform.test.ServiceSmokeIT;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InferenceServiceIT extends ServiceSmokeIT {

    InferenceServiceIT() {
        super("inference");
    }
}
