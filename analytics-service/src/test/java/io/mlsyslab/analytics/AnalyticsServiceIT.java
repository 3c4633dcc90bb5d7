package io.mlsyslab.analytics;

import io.mlsyslab.platform.test.ServiceSmokeIT;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalyticsServiceIT extends ServiceSmokeIT {

    AnalyticsServiceIT() {
        super("analytics");
    }
}
