package io.mlsyslab.training;

import io.mlsyslab.platform.test.ServiceSmokeIT;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TrainingServiceIT extends ServiceSmokeIT {

    TrainingServiceIT() {
        super("training");
    }
}
