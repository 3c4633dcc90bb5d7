package io.mlsyslab.storage;

import io.mlsyslab.platform.test.ServiceSmokeIT;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StorageServiceIT extends ServiceSmokeIT {

    StorageServiceIT() {
        super("storage");
    }
}
