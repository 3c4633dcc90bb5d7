package io.mlsyslab.platform.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** HTTP limits of a service, under {@code mlsyslab.http}. */
@ConfigurationProperties("mlsyslab.http")
public record HttpProperties(@DefaultValue("16777216") long maxRequestBytes) {}
