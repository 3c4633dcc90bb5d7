package io.mlsyslab.platform.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service made only of the runs core and test-only run kinds, for platform-core's integration tests. */
@SpringBootApplication
public class TestApplication {}
