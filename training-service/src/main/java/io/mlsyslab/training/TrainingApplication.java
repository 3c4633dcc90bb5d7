package io.mlsyslab.training;

import io.mlsyslab.training.distributed.WorkerMain;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class TrainingApplication {

    public static void main(String[] args) {
        if (WorkerMain.isWorker(args)) {
            // a worker process of a distributed run: plain Java, no Spring context, datasource or run executor
            WorkerMain.main(args);
            return;
        }
        SpringApplication.run(TrainingApplication.class, args);
    }
}
