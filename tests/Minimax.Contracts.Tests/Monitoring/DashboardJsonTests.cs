using System.Text.Json;
using System.Text.RegularExpressions;

namespace Minimax.Contracts.Tests.Monitoring;

/// <summary>Every Grafana dashboard under k8s/monitoring/dashboards is well formed and names only metrics Minimax's scrape targets emit.</summary>
public sealed partial class DashboardJsonTests
{
    public static TheoryData<string> Dashboards() => new(MonitoringFiles.Dashboards().Select(Path.GetFileName).OfType<string>());

    [Fact]
    public void The_three_dashboards_exist_with_distinct_uids()
    {
        var files = MonitoringFiles.Dashboards().Select(Path.GetFileName).ToList();
        Assert.Equal(["cluster.json", "gpu.json", "jobs.json"], files);

        var uids = MonitoringFiles.Dashboards().Select(f => MonitoringFiles.Json(f).GetProperty("uid").GetString()).ToList();
        Assert.Equal(uids.Count, uids.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Has_a_uid_a_title_panels_and_a_prometheus_datasource_variable(string file)
    {
        var dashboard = Load(file);

        Assert.False(string.IsNullOrWhiteSpace(dashboard.GetProperty("uid").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(dashboard.GetProperty("title").GetString()));
        Assert.True(dashboard.GetProperty("schemaVersion").GetInt32() >= 39, "schemaVersion of a current Grafana");
        Assert.NotEmpty(Panels(dashboard));

        var datasource = Assert.Single(Variables(dashboard), v => v.GetProperty("name").GetString() == "datasource");
        Assert.Equal("datasource", datasource.GetProperty("type").GetString());
        Assert.Equal("prometheus", datasource.GetProperty("query").GetString());
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_panel_and_target_uses_the_datasource_variable_and_has_a_query(string file)
    {
        var panels = Panels(Load(file)).ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());

        foreach (var panel in panels)
        {
            var title = panel.GetProperty("title").GetString();
            Assert.True(UsesDatasourceVariable(panel), $"{file}: panel '{title}' does not use ${{datasource}}");
            Assert.True(panel.TryGetProperty("gridPos", out _), $"{file}: panel '{title}' has no gridPos");
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            foreach (var target in targets)
            {
                Assert.False(string.IsNullOrWhiteSpace(target.GetProperty("expr").GetString()), $"{file}: panel '{title}' has an empty expr");
                Assert.True(!target.TryGetProperty("datasource", out _) || UsesDatasourceVariable(target), $"{file}: a target of '{title}' names another datasource");
            }
        }
        foreach (var variable in Variables(Load(file)).Where(v => v.GetProperty("type").GetString() == "query"))
        {
            Assert.True(UsesDatasourceVariable(variable), $"{file}: variable {variable.GetProperty("name")} does not use ${{datasource}}");
        }
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_variable_a_query_or_title_references_is_defined(string file)
    {
        var dashboard = Load(file);
        var defined = Variables(dashboard).Select(v => v.GetProperty("name").GetString()).ToHashSet();
        var texts = Panels(dashboard).SelectMany(p => Expressions(p).Append(p.GetProperty("title").GetString() ?? ""));

        var undefined = texts.SelectMany(t => VariableReference().Matches(t).Select(m => m.Groups["name"].Value))
            .Where(name => !name.StartsWith("__", StringComparison.Ordinal) && !defined.Contains(name))
            .Distinct().ToList();

        Assert.True(undefined.Count == 0, $"{file}: undefined variables {string.Join(", ", undefined)}");
    }

    [Theory]
    [MemberData(nameof(Dashboards))]
    public void Every_metric_a_query_names_is_one_Minimax_Orleans_the_runtime_or_DCGM_emits(string file)
    {
        var dashboard = Load(file);
        var queries = Panels(dashboard).SelectMany(Expressions).ToList();
        var unknown = queries.SelectMany(PromQlMetricNames.In)
            .Concat(VariableQueries(dashboard).Select(PromQlMetricNames.OfLabelValuesQuery).OfType<string>())
            .Where(name => !KnownMetricNames.IsKnown(name))
            .Distinct().ToList();

        Assert.All(queries, q => Assert.NotEmpty(PromQlMetricNames.In(q)));
        Assert.True(unknown.Count == 0, $"{file}: unknown metrics {string.Join(", ", unknown)}");
    }

    [Fact]
    public void The_jobs_dashboard_chooses_its_job_from_the_group_weights()
    {
        var job = Assert.Single(Variables(Load("jobs.json")), v => v.GetProperty("name").GetString() == "job");

        Assert.Equal("label_values(minimax_group_weight, job)", job.GetProperty("definition").GetString());
        Assert.Contains(Panels(Load("jobs.json")).SelectMany(Expressions), e => e.Contains("minimax_group_loss{job=\"$job\"}", StringComparison.Ordinal));
    }

    private static JsonElement Load(string file) => MonitoringFiles.Json(Path.Combine(MonitoringFiles.Folder, "dashboards", file));

    // Row panels may nest their panels; rows themselves query nothing.
    private static IEnumerable<JsonElement> Panels(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.TryGetProperty("panels", out var nested) ? nested.EnumerateArray().Prepend(p) : [p])
            .Where(p => p.GetProperty("type").GetString() != "row");

    private static IEnumerable<JsonElement> Variables(JsonElement dashboard) =>
        dashboard.GetProperty("templating").GetProperty("list").EnumerateArray();

    private static IEnumerable<string> VariableQueries(JsonElement dashboard) =>
        Variables(dashboard).Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => v.GetProperty("definition").GetString() ?? "");

    private static IEnumerable<string> Expressions(JsonElement panel) =>
        panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString() ?? "");

    private static bool UsesDatasourceVariable(JsonElement element) =>
        element.TryGetProperty("datasource", out var datasource)
        && datasource.ValueKind == JsonValueKind.Object
        && datasource.TryGetProperty("uid", out var uid)
        && uid.GetString() is "${datasource}" or "$datasource";

    [GeneratedRegex(@"\$\{(?<name>\w+)(?::\w+)?\}|\$(?<name>\w+)|\[\[(?<name>\w+)\]\]")]
    private static partial Regex VariableReference();
}
