# syntax=docker/dockerfile:1
# One image per app: docker build --build-arg MODULE=network-service -t mlsys-lab/network .
# MODULE is one of: gateway, storage-service, inference-service, training-service, network-service, analytics-service.

ARG MODULE=gateway

FROM eclipse-temurin:25-jdk AS build
ARG MODULE
# a C compiler, so nn-core's native-kernel profile builds the paged-attention library into the image (without it
# the services fall back to the Java kernel)
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# dependencies first, so source edits do not re-download them
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY platform-api/pom.xml platform-api/
COPY platform-core/pom.xml platform-core/
COPY nn-core/pom.xml nn-core/
COPY storage-client/pom.xml storage-client/
COPY gateway/pom.xml gateway/
COPY storage-service/pom.xml storage-service/
COPY inference-service/pom.xml inference-service/
COPY training-service/pom.xml training-service/
COPY network-service/pom.xml network-service/
COPY analytics-service/pom.xml analytics-service/
COPY lab-launcher/pom.xml lab-launcher/
COPY deploy-tests/pom.xml deploy-tests/
COPY benchmarks/pom.xml benchmarks/
RUN ./mvnw -B -q -pl ${MODULE} -am dependency:go-offline -DskipTests || true
COPY . .
RUN ./mvnw -B -q -pl ${MODULE} -am -DskipTests package \
 && java -Djarmode=tools -jar ${MODULE}/target/${MODULE}-*-exec.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 lab && useradd --system --uid 10001 --gid lab --no-create-home lab \
 && mkdir -p /data/storage /data/inference-models && chown 10001:10001 /data/storage /data/inference-models
WORKDIR /app
# Spring Boot layers, least to most often changed
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
