namespace Minimax.Contracts.Tests.Monitoring;

/// <summary>The Prometheus, OpenTelemetry Collector and Grafana provisioning files parse and say what the README promises.</summary>
public sealed class MonitoringYamlTests
{
    [Fact]
    public void Prometheus_scrapes_a_local_silo_and_annotated_kubernetes_pods()
    {
        var config = MonitoringFiles.Yaml("prometheus.yml");
        Assert.True(config.ContainsKey("global"));
        var jobs = List(config["scrape_configs"]).Select(Map).ToDictionary(j => (string)j["job_name"]);

        var local = jobs["minimax-local"];
        var targets = List(Map(Assert.Single(List(local["static_configs"])))["targets"]);
        Assert.Equal("127.0.0.1:9464", Assert.Single(targets));
        Assert.Equal("true", local["honor_labels"]);

        var pods = jobs["kubernetes-pods"];
        Assert.Equal("pod", Map(Assert.Single(List(pods["kubernetes_sd_configs"])))["role"]);
        var relabels = List(pods["relabel_configs"]).Select(Map).ToList();
        Assert.Contains(relabels, r => Sources(r).Contains("__meta_kubernetes_pod_annotation_prometheus_io_scrape") && (string)r["action"] == "keep");
        Assert.Contains(relabels, r => Sources(r).Contains("__meta_kubernetes_pod_annotation_prometheus_io_port") && (string)r["target_label"] == "__address__");
        Assert.All(jobs.Values, j => Assert.Equal("true", j["honor_labels"]));
    }

    [Fact]
    public void The_collector_receives_otlp_and_exports_metrics_to_prometheus_and_traces_to_a_backend()
    {
        var config = MonitoringFiles.Yaml("otel-collector.yaml");
        var protocols = Map(Map(Map(config["receivers"])["otlp"])["protocols"]);
        Assert.EndsWith(":4317", (string)Map(protocols["grpc"])["endpoint"]);
        Assert.EndsWith(":4318", (string)Map(protocols["http"])["endpoint"]);

        var pipelines = Map(Map(config["service"])["pipelines"]);
        var metrics = Map(pipelines["metrics"]);
        var traces = Map(pipelines["traces"]);
        Assert.Contains(Names(metrics["exporters"]), e => e is "prometheus" or "prometheusremotewrite");
        Assert.Contains(Names(traces["exporters"]), e => e.StartsWith("otlp", StringComparison.Ordinal));
        Assert.All(pipelines.Values.Select(Map), p => Assert.Contains("batch", Names(p["processors"])));
    }

    [Fact]
    public void Every_component_a_collector_pipeline_names_is_defined()
    {
        var config = MonitoringFiles.Yaml("otel-collector.yaml");
        var service = Map(config["service"]);

        foreach (var (name, pipeline) in Map(service["pipelines"]).Select(p => ((string)p.Key, Map(p.Value))))
        {
            foreach (var section in new[] { "receivers", "processors", "exporters" })
            {
                var defined = Map(config[section]).Keys.Cast<string>().ToHashSet();
                var used = pipeline.TryGetValue(section, out var list) ? Names(list) : [];
                Assert.True(used.All(defined.Contains), $"pipeline {name}: {section} {string.Join(", ", used.Where(u => !defined.Contains(u)))} not defined");
            }
        }
        var extensions = Map(config["extensions"]).Keys.Cast<string>().ToHashSet();
        Assert.All(Names(service["extensions"]), e => Assert.Contains(e, extensions));
    }

    [Fact]
    public void Grafana_provisions_the_dashboards_folder_and_a_prometheus_datasource()
    {
        var provider = Map(Assert.Single(List(MonitoringFiles.Yaml("provisioning/dashboards/minimax.yaml")["providers"])));
        Assert.Equal("file", provider["type"]);
        Assert.False(string.IsNullOrWhiteSpace((string)Map(provider["options"])["path"]));

        var datasource = Map(Assert.Single(List(MonitoringFiles.Yaml("provisioning/datasources/prometheus.yaml")["datasources"])));
        Assert.Equal("prometheus", datasource["type"]);
    }

    private static Dictionary<object, object> Map(object node) => Assert.IsType<Dictionary<object, object>>(node);

    private static List<object> List(object node) => Assert.IsType<List<object>>(node);

    private static List<string> Names(object node) => List(node).Cast<string>().ToList();

    private static List<string> Sources(Dictionary<object, object> relabel) =>
        relabel.TryGetValue("source_labels", out var sources) ? Names(sources) : [];
}
