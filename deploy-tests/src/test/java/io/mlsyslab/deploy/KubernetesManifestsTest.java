package io.mlsyslab.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders every overlay with {@code kubectl kustomize} (offline; no cluster) and checks the typed objects: selectors,
 * ports, probes, resources, security, images, monitoring, NetworkPolicy arrows and environment bindings.
 */
class KubernetesManifestsTest {

    /** ARCHITECTURE.md's arrows: target app → the apps that call it (Prometheus scrapes every app besides). */
    static final Map<String, Set<String>> ARROWS = Map.of(
            "gateway", Set.of("*"),
            "storage", Set.of("gateway", "inference", "analytics", "prometheus"),
            "inference", Set.of("gateway", "analytics", "prometheus"),
            "training", Set.of("gateway", "inference", "analytics", "prometheus"),
            "network", Set.of("gateway", "analytics", "prometheus"),
            "analytics", Set.of("gateway", "prometheus"),
            "postgres", Set.of("storage", "inference", "training", "network", "analytics"));

    private static final Map<String, List<HasMetadata>> RENDERED = new java.util.concurrent.ConcurrentHashMap<>();

    /** The overlay's objects, rendered once per test run. */
    static List<HasMetadata> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, KubernetesManifestsTest::kustomize);
    }

    private static List<HasMetadata> kustomize(String overlay) {
        String yaml = Repo.run("kubectl", "kubectl renders the kustomizations offline; install it (CI has it)",
                // the default load restrictor, as kubectl apply -k uses it: no overlay reads files outside its tree
                "kustomize", Repo.ROOT.resolve("k8s/overlays").resolve(overlay).toString());
        Object parsed = new KubernetesSerialization().unmarshal(yaml);
        List<HasMetadata> out = new ArrayList<>();
        if (parsed instanceof KubernetesList list) {
            out.addAll(list.getItems());
        } else if (parsed instanceof List<?> list) {
            list.forEach(o -> out.add((HasMetadata) o));
        } else {
            out.add((HasMetadata) parsed);
        }
        return out;
    }

    private static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<GenericKubernetesResource> generic(List<HasMetadata> objects, String kind) {
        return of(objects, GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    /** A workload's name, pod template and selector, whether Deployment or StatefulSet. */
    record Workload(String kind, String name, Integer replicas, LabelSelector selector, PodTemplateSpec template) {

        PodSpec pod() {
            return template.getSpec();
        }

        Map<String, String> labels() {
            return template.getMetadata().getLabels();
        }
    }

    static List<Workload> workloads(List<HasMetadata> objects) {
        return Stream.concat(
                of(objects, Deployment.class).stream().map(d -> new Workload("Deployment", d.getMetadata().getName(),
                        d.getSpec().getReplicas(), d.getSpec().getSelector(), d.getSpec().getTemplate())),
                of(objects, StatefulSet.class).stream().map(s -> new Workload("StatefulSet",
                        s.getMetadata().getName(), s.getSpec().getReplicas(), s.getSpec().getSelector(),
                        s.getSpec().getTemplate()))).toList();
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    static Workload workload(List<HasMetadata> objects, String name) {
        return workloads(objects).stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no workload " + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAppRunsWithProbesOnItsActuatorPortAndSelectorsThatMatch(String overlay) {
        List<HasMetadata> objects = render(overlay);
        List<Workload> workloads = workloads(objects);
        assertThat(workloads).extracting(Workload::name).containsAll(Repo.MODULES.keySet());
        assertThat(workload(objects, "storage").kind()).isEqualTo("StatefulSet");
        for (Workload w : workloads) {
            assertThat(w.selector().getMatchExpressions()).as(w.name()).isNullOrEmpty();
            assertThat(matches(w.selector().getMatchLabels(), w.labels())).as(w.name() + " selector ⊆ pod labels")
                    .isTrue();
            // no other workload's pods match this selector
            assertThat(workloads.stream().filter(o -> matches(w.selector().getMatchLabels(), o.labels())))
                    .as(w.name() + " selects only its own pods").hasSize(1);
        }
        for (String app : Repo.MODULES.keySet()) {
            Workload w = workload(objects, app);
            Container c = w.pod().getContainers().getFirst();
            int port = Repo.port(app);
            assertThat(c.getPorts()).as(app + " ports").extracting(ContainerPort::getContainerPort).contains(port);
            for (Probe probe : List.of(c.getLivenessProbe(), c.getStartupProbe())) {
                assertThat(probe.getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
                assertThat(resolve(c, probe.getHttpGet().getPort())).as(app + " liveness port").isEqualTo(port);
            }
            HTTPGetAction readiness = c.getReadinessProbe().getHttpGet();
            assertThat(readiness.getPath()).isEqualTo("/actuator/health/readiness");
            assertThat(resolve(c, readiness.getPort())).as(app + " readiness port").isEqualTo(port);
        }
    }

    /** A probe or Service port, named or numbered, as the container's port number (or -1). */
    static int resolve(Container c, IntOrString port) {
        if (port.getIntVal() != null) {
            return c.getPorts().stream().anyMatch(p -> p.getContainerPort().equals(port.getIntVal()))
                    ? port.getIntVal() : -1;
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .mapToInt(ContainerPort::getContainerPort).findFirst().orElse(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceSelectsOneWorkloadAndTargetsAPortItHas(String overlay) {
        List<HasMetadata> objects = render(overlay);
        for (Service s : of(objects, Service.class)) {
            List<Workload> selected = workloads(objects).stream()
                    .filter(w -> matches(s.getSpec().getSelector(), w.labels())).toList();
            assertThat(selected).as("workloads behind Service " + s.getMetadata().getName()).hasSize(1);
            Container c = selected.getFirst().pod().getContainers().getFirst();
            for (ServicePort p : s.getSpec().getPorts()) {
                assertThat(resolve(c, p.getTargetPort())).as(s.getMetadata().getName() + " → " + p.getTargetPort())
                        .isPositive();
            }
        }
        for (Ingress ingress : of(objects, Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                var backend = path.getBackend().getService();
                Service target = of(objects, Service.class).stream()
                        .filter(s -> s.getMetadata().getName().equals(backend.getName())).findFirst().orElseThrow();
                assertThat(target.getMetadata().getName()).isEqualTo("gateway");
                assertThat(target.getSpec().getPorts()).extracting(ServicePort::getName)
                        .contains(backend.getPort().getName());
            }));
        }
        for (HorizontalPodAutoscaler hpa : of(objects, HorizontalPodAutoscaler.class)) {
            assertThat(workload(objects, hpa.getSpec().getScaleTargetRef().getName()).kind()).isEqualTo("Deployment");
        }
        assertThat(of(objects, HorizontalPodAutoscaler.class)).extracting(h -> h.getSpec().getScaleTargetRef().getName())
                .containsExactlyInAnyOrder("inference", "analytics");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyContainerIsBoundedNonRootReadOnlyAndPinned(String overlay) {
        for (Workload w : workloads(render(overlay))) {
            PodSecurityContext pod = w.pod().getSecurityContext();
            for (Container c : w.pod().getContainers()) {
                String name = w.name() + "/" + c.getName();
                for (String kind : List.of("cpu", "memory")) {
                    assertThat(c.getResources().getRequests()).as(name + " requests").containsKey(kind);
                    assertThat(c.getResources().getLimits()).as(name + " limits").containsKey(kind);
                }
                SecurityContext sc = c.getSecurityContext();
                boolean nonRoot = Boolean.TRUE.equals(sc.getRunAsNonRoot())
                        || pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot());
                Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : pod == null ? null : pod.getRunAsUser();
                assertThat(nonRoot).as(name + " runAsNonRoot").isTrue();
                assertThat(user).as(name + " runAsUser").isNotNull().isPositive();
                assertThat(sc.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
                assertThat(sc.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
                assertThat(sc.getCapabilities().getDrop()).as(name + " capabilities").contains("ALL");
                String image = c.getImage();
                assertThat(image).as(name + " image").matches(".+:[^:/]+$").doesNotEndWith(":latest");
                assertThat(c.getVolumeMounts()).as(name + " writable /tmp")
                        .anyMatch(m -> m.getMountPath().equals("/tmp") && w.pod().getVolumes().stream()
                                .anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void shutdownIsGracefulWithinThePodsGracePeriod(String overlay) {
        List<HasMetadata> objects = render(overlay);
        Map<String, String> config = configMap(objects, "mlsyslab-services").getData();
        Duration phase = duration(config.get("SPRING_LIFECYCLE_TIMEOUTPERSHUTDOWNPHASE"));
        Duration grace = duration(config.get("MLSYSLAB_RUNS_SHUTDOWNGRACE"));
        assertThat(grace).as("runs' shutdown-grace fits in Spring's shutdown phase").isLessThanOrEqualTo(phase);
        for (String app : Repo.MODULES.keySet()) {
            Workload w = workload(objects, app);
            Container c = w.pod().getContainers().getFirst();
            List<String> preStop = c.getLifecycle().getPreStop().getExec().getCommand();
            assertThat(preStop.getFirst()).isEqualTo("sleep");
            long preStopSeconds = Long.parseLong(preStop.get(1));
            Duration appPhase = app.equals("gateway") ? Duration.ofSeconds(20) : phase; // gateway's application.yml
            assertThat(w.pod().getTerminationGracePeriodSeconds()).as(app + " terminationGracePeriodSeconds")
                    .isGreaterThan(preStopSeconds + appPhase.toSeconds());
        }
        assertThat(Repo.applicationYml("gateway")).contains("timeout-per-shutdown-phase: 20s");
    }

    static Duration duration(String spring) {
        try {
            return Duration.parse("PT" + spring.toUpperCase());
        } catch (DateTimeParseException e) {
            throw new AssertionError("not a simple duration: " + spring, e);
        }
    }

    static ConfigMap configMap(List<HasMetadata> objects, String name) {
        return of(objects, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap " + name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvironmentNameBindsToAPropertyOfItsApp(String overlay) {
        List<HasMetadata> objects = render(overlay);
        for (String app : Repo.MODULES.keySet()) {
            Container c = workload(objects, app).pod().getContainers().getFirst();
            Set<String> names = new TreeSet<>();
            if (c.getEnv() != null) {
                c.getEnv().stream().map(EnvVar::getName).forEach(names::add);
            }
            for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
                names.addAll(configMap(objects, from.getConfigMapRef().getName()).getData().keySet());
            }
            assertThat(names).as(app + " env").isNotEmpty();
            Set<String> bindable = Repo.bindableEnv(app);
            for (String name : names) {
                assertThat(bindable).as(overlay + ": " + app + " env " + name + " binds to no property").contains(name);
            }
        }
    }

    @Test
    void secretsReferencedExistInTheDevSecretAndTheTemplate() {
        List<HasMetadata> dev = render("dev");
        Secret generated = of(dev, Secret.class).stream()
                .filter(s -> s.getMetadata().getName().equals("mlsyslab-secrets")).findFirst().orElseThrow();
        Map<String, Object> template = new Yaml().load(Repo.read("k8s/secret-template.yaml"));
        @SuppressWarnings("unchecked")
        Set<String> templateKeys = ((Map<String, Object>) template.get("stringData")).keySet();
        for (String overlay : List.of("dev", "prod")) {
            for (Workload w : workloads(render(overlay))) {
                for (Container c : w.pod().getContainers()) {
                    for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                        if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                            var ref = e.getValueFrom().getSecretKeyRef();
                            assertThat(ref.getName()).isEqualTo("mlsyslab-secrets");
                            assertThat(generated.getData()).as("dev secret").containsKey(ref.getKey());
                            assertThat(templateKeys).as("secret-template.yaml").contains(ref.getKey());
                        }
                    }
                }
            }
        }
        assertThat(of(render("prod"), Secret.class)).as("prod never ships credentials").isEmpty();
    }

    /**
     * The gateway and every service get the same signing secret from the one Secret, so the services can check the
     * principals the gateway (and each other) sign; dev generates it, prod only references the one created by hand.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAppGetsTheSigningSecretFromTheSecret(String overlay) {
        for (String app : Repo.MODULES.keySet()) {
            Container c = workload(render(overlay), app).pod().getContainers().getFirst();
            EnvVar secret = (c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()).stream()
                    .filter(e -> e.getName().equals("LAB_SIGNING_SECRET")).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": " + app + " has no LAB_SIGNING_SECRET"));
            assertThat(secret.getValue()).as(app + ": never a literal in the manifest").isNull();
            assertThat(secret.getValueFrom().getSecretKeyRef().getName()).as(app).isEqualTo("mlsyslab-secrets");
            assertThat(secret.getValueFrom().getSecretKeyRef().getKey()).as(app).isEqualTo("signing-secret");
        }
        if (overlay.equals("dev")) {
            Secret generated = of(render("dev"), Secret.class).stream()
                    .filter(s -> s.getMetadata().getName().equals("mlsyslab-secrets")).findFirst().orElseThrow();
            String value = generated.getData() != null && generated.getData().containsKey("signing-secret")
                    ? new String(java.util.Base64.getDecoder().decode(generated.getData().get("signing-secret")),
                            java.nio.charset.StandardCharsets.UTF_8)
                    : generated.getStringData().get("signing-secret");
            assertThat(value).as("the services refuse a shorter secret").hasSizeGreaterThanOrEqualTo(32);
        } else {
            assertThat(of(render("prod"), Secret.class)).as("prod references the Secret created by hand").isEmpty();
            Map<String, Object> template = new Yaml().load(Repo.read("k8s/secret-template.yaml"));
            @SuppressWarnings("unchecked")
            Map<String, Object> keys = (Map<String, Object>) template.get("stringData");
            assertThat(keys).as("secret-template.yaml").containsKey("signing-secret");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void networkPoliciesAllowExactlyTheArchitecturesArrows(String overlay) {
        List<HasMetadata> objects = render(overlay);
        List<NetworkPolicy> policies = of(objects, NetworkPolicy.class);
        assertThat(policies).anyMatch(p -> p.getSpec().getPodSelector().getMatchLabels() == null
                || p.getSpec().getPodSelector().getMatchLabels().isEmpty());
        Map<String, Set<String>> allowed = new TreeMap<>();
        for (Workload target : workloads(objects)) {
            Set<String> sources = new TreeSet<>();
            for (NetworkPolicy policy : policies) {
                if (!matches(policy.getSpec().getPodSelector().getMatchLabels(), target.labels())
                        && !(policy.getSpec().getPodSelector().getMatchLabels() == null)) {
                    continue;
                }
                List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress();
                for (NetworkPolicyIngressRule rule : rules == null ? List.<NetworkPolicyIngressRule>of() : rules) {
                    if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                        sources.add("*");
                        continue;
                    }
                    for (NetworkPolicyPeer peer : rule.getFrom()) {
                        sources.addAll(peerSources(peer, workloads(objects)));
                    }
                    // the rule's ports are ports of the target
                    Container c = target.pod().getContainers().getFirst();
                    rule.getPorts().forEach(p -> assertThat(resolve(c, p.getPort()))
                            .as(policy.getMetadata().getName() + " port").isPositive());
                }
            }
            allowed.put(target.name(), sources);
        }
        Map<String, Set<String>> expected = new HashMap<>(ARROWS);
        if (overlay.equals("prod")) {
            expected.remove("postgres"); // external
        }
        assertThat(allowed).isEqualTo(new TreeMap<>(expected));
    }

    private static Set<String> peerSources(NetworkPolicyPeer peer, List<Workload> workloads) {
        Set<String> out = new TreeSet<>();
        if (peer.getIpBlock() != null) {
            out.add("ip:" + peer.getIpBlock().getCidr());
        }
        if (peer.getNamespaceSelector() != null) {
            Map<String, String> ns = peer.getNamespaceSelector().getMatchLabels();
            Map<String, String> pods = peer.getPodSelector() == null ? null : peer.getPodSelector().getMatchLabels();
            assertThat(ns).containsEntry("kubernetes.io/metadata.name", "monitoring");
            assertThat(pods).containsEntry("app.kubernetes.io/name", "prometheus");
            out.add("prometheus");
            return out;
        }
        if (peer.getPodSelector() != null) {
            workloads.stream().filter(w -> matches(peer.getPodSelector().getMatchLabels(), w.labels()))
                    .forEach(w -> out.add(w.name()));
        }
        return out;
    }

    @Test
    void devRunsOneReplicaOfEverythingWithPostgresInTheCluster() {
        List<HasMetadata> dev = render("dev");
        for (Workload w : workloads(dev)) {
            assertThat(w.replicas()).as(w.name()).isEqualTo(1);
        }
        StatefulSet postgres = of(dev, StatefulSet.class).stream()
                .filter(s -> s.getMetadata().getName().equals("postgres")).findFirst().orElseThrow();
        assertThat(postgres.getSpec().getVolumeClaimTemplates()).hasSize(1);
        assertThat(configMap(dev, "mlsyslab-services").getData().get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/mlsyslab");
        assertThat(dev.stream().map(o -> o.getMetadata().getNamespace()).filter(n -> n != null).distinct())
                .containsExactly("mlsyslab-dev");
    }

    @Test
    void prodIsReplicatedSpreadProtectedAndUsesAnExternalDatabase() {
        List<HasMetadata> prod = render("prod");
        assertThat(workloads(prod)).extracting(Workload::name).doesNotContain("postgres");
        assertThat(configMap(prod, "mlsyslab-services").getData().get("SPRING_DATASOURCE_URL"))
                .startsWith("jdbc:postgresql://").doesNotContain("//postgres:");
        List<PodDisruptionBudget> pdbs = of(prod, PodDisruptionBudget.class);
        for (Deployment d : of(prod, Deployment.class)) {
            String name = d.getMetadata().getName();
            assertThat(d.getSpec().getReplicas()).as(name + " replicas").isGreaterThanOrEqualTo(2);
            assertThat(d.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).as(name + " spread")
                    .isNotEmpty().allMatch(t -> matches(t.getLabelSelector().getMatchLabels(),
                            d.getSpec().getTemplate().getMetadata().getLabels()));
            assertThat(pdbs).as(name + " PodDisruptionBudget").anyMatch(p -> matches(
                    p.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate().getMetadata().getLabels()));
        }
        for (HorizontalPodAutoscaler hpa : of(prod, HorizontalPodAutoscaler.class)) {
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        }
        StatefulSet storage = of(prod, StatefulSet.class).getFirst();
        assertThat(storage.getMetadata().getName()).isEqualTo("storage");
        String claim = storage.getSpec().getVolumeClaimTemplates().getFirst().getMetadata().getName();
        assertThat(storage.getSpec().getTemplate().getSpec().getContainers().getFirst().getVolumeMounts())
                .anyMatch(m -> m.getName().equals(claim));
        assertThat(storage.getSpec().getTemplate().getSpec().getSecurityContext().getFsGroup()).isEqualTo(10001L);
    }

    @Test
    void monitoringScrapesEveryAppThroughPortsItsServicesHave() {
        List<HasMetadata> prod = render("prod");
        List<GenericKubernetesResource> monitors = generic(prod, "ServiceMonitor");
        Set<String> scraped = new TreeSet<>();
        for (GenericKubernetesResource m : monitors) {
            @SuppressWarnings("unchecked")
            Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) m.get("spec", "selector"))
                    .get("matchLabels");
            List<Service> services = of(prod, Service.class).stream()
                    .filter(s -> matches(selector, s.getMetadata().getLabels())).toList();
            assertThat(services).as("Services of ServiceMonitor " + m.getMetadata().getName()).hasSize(1);
            List<Map<String, Object>> endpoints = m.get("spec", "endpoints");
            for (Map<String, Object> e : endpoints) {
                assertThat(services.getFirst().getSpec().getPorts()).extracting(ServicePort::getName)
                        .contains((String) e.get("port"));
                assertThat(e.get("path")).isEqualTo("/actuator/prometheus");
            }
            scraped.add(services.getFirst().getMetadata().getName());
        }
        assertThat(scraped).containsExactlyInAnyOrderElementsOf(Repo.MODULES.keySet());

        GenericKubernetesResource rule = generic(prod, "PrometheusRule").getFirst();
        Map<String, Object> rulesFile = new Yaml().load(Repo.read("observability/prometheus/rules/mlsyslab.rules.yml"));
        Object inCluster = new Yaml().load(new Yaml().dump(rule.get("spec", "groups")));
        assertThat(inCluster).as("PrometheusRule = observability/prometheus/rules/mlsyslab.rules.yml")
                .isEqualTo(rulesFile.get("groups"));

        ConfigMap dashboards = configMap(prod, "grafana-dashboards");
        assertThat(dashboards.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        for (String file : Dashboards.files()) {
            assertThat(dashboards.getData()).as("dashboard " + file).containsKey(file);
            assertThat(dashboards.getData().get(file)).isEqualTo(Repo.read("observability/grafana/dashboards/" + file));
        }
    }

    @Test
    void storagePagesLiveOnTheClaimNotInTheImage() {
        Workload storage = workload(render("dev"), "storage");
        List<String> volumes = storage.pod().getVolumes().stream().map(Volume::getName).toList();
        assertThat(storage.pod().getContainers().getFirst().getVolumeMounts())
                .anyMatch(m -> m.getMountPath().equals("/data") && !volumes.contains(m.getName()));
    }
}
