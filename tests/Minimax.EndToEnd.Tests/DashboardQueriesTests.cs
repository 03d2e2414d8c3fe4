using System.Text.Json;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Contracts.Tests.Monitoring;
using Minimax.Silo;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Issue 12 §4: a real Prometheus scrapes a real silo (with API keys, so the scrape sends one) while a run trains,
/// and every query of every panel of every dashboard in k8s/monitoring/dashboards must return data through its
/// HTTP API. The GPU dashboard reads DCGM exporter metrics, which cannot exist without a GPU: the same Prometheus
/// scrapes <see cref="DcgmExporterStandIn"/> instead.
/// Series that exist only after a failure (Orleans' timed-out calls, rejected or expired messages), only on a
/// cluster of several silos (remote message sizes) or only while a job waits (pending jobs) are not provoked here;
/// those panels fall back to 0 with <c>or on() vector(0)</c>, as Grafana dashboards usually do, and so that the
/// fallback cannot hide a misspelt name, every metric a query names must be a series Prometheus scraped or an
/// instrument the silo created (<see cref="PublishedInstruments"/>).
/// </summary>
[Collection(ProcessMetricsCollection.Name)]
public sealed class DashboardQueriesTests
{
    private const string ScrapeKey = "prometheus-scrape-key-0123456789";
    private static readonly TimeSpan DataTimeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Every_dashboard_panel_query_returns_data_from_a_real_Prometheus_scraping_a_training_silo()
    {
        using var instruments = PublishedInstruments.Listen();
        var data = Directory.CreateTempSubdirectory("minimax-dashboards-").FullName;
        SpuriousCsv.WriteSplits(data, trainRows: 300, evaluationRows: 100, seed: 3);
        var metricsPort = SiloProcess.FreePort();
        await using var silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            AuthKeys = [new TenantKey("ops", ApiKeyAuthenticator.HashKey(ScrapeKey))],
            DataRoots = [data],
            CheckpointsPath = Path.Combine(data, "checkpoints"),
            Telemetry = new TelemetryOptions { MetricsPort = metricsPort },
        }, CancellationToken.None);
        await using var gpuExporter = DcgmExporterStandIn.Start();
        var siloTarget = $"127.0.0.1:{metricsPort}";
        await using var prometheus = await PrometheusServer.StartAsync(
            [new ScrapeTarget("minimax-silo", siloTarget, ScrapeKey), new ScrapeTarget("dcgm-exporter", gpuExporter.Address)]);
        using var channel = GrpcChannel.ForAddress(silo.Address);
        var jobs = new Jobs.JobsClient(channel.Intercept(metadata =>
        {
            metadata.Add("authorization", $"Bearer {ScrapeKey}");
            return metadata;
        }));

        // A finished job, so the completion counter has a series, then one that trains (and checkpoints) throughout.
        var finished = await jobs.SubmitJobAsync(new SubmitJobRequest { SpecYaml = SpuriousCsv.SpecYaml("finished", steps: 4, workers: 1, evalEvery: 2), SpecDirectory = data });
        var report = await JobEvents.UntilAsync(jobs, finished.JobId, _ => false, TimeSpan.FromMinutes(1));
        Assert.Equal("completed", report.Report.Status);
        var training = await jobs.SubmitJobAsync(new SubmitJobRequest
        {
            SpecYaml = SpuriousCsv.SpecYaml("training", steps: 1_000_000, workers: 2, evalEvery: 5, checkpointEvery: 10),
            SpecDirectory = data,
        });
        try
        {
            await AssertTargetsUpAsync(prometheus);
            var values = await VariableValuesAsync(prometheus, training.JobId);
            var failures = await QueriesWithoutDataAsync(prometheus, values);
            var unknown = await UnknownMetricNamesAsync(prometheus, instruments);

            Assert.True(failures.Count == 0 && unknown.Count == 0,
                $"{failures.Count} dashboard queries returned no data within {DataTimeout} while job {training.JobId} trained:\n" +
                string.Join('\n', failures) + $"\nmetric names neither scraped nor created by the silo: {string.Join(", ", unknown)}");
            await AssertExporterNamingMatchesAsync(prometheus, instruments, siloTarget);
        }
        finally
        {
            await jobs.CancelJobAsync(new CancelJobRequest { JobId = training.JobId });
        }
    }

    private static async Task AssertTargetsUpAsync(PrometheusServer prometheus)
    {
        IReadOnlyList<(string Job, string Health, string LastError)> targets = [];
        using var deadline = new CancellationTokenSource(DataTimeout);
        while (!deadline.IsCancellationRequested)
        {
            targets = await prometheus.TargetsAsync(CancellationToken.None);
            if (targets.Count == 2 && targets.All(target => target.Health == "up"))
            {
                return;
            }
            await PollIntervalAsync(deadline.Token);
        }
        Assert.Fail($"scrape targets not up within {DataTimeout}: {string.Join("; ", targets)}\n{prometheus.Output()}");
    }

    /// <summary>Each dashboard variable's values from its label_values query; $job is the training job, which must be among them.</summary>
    private static async Task<Dictionary<string, IReadOnlyList<string>>> VariableValuesAsync(PrometheusServer prometheus, string trainingJob)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        using var deadline = new CancellationTokenSource(DataTimeout);
        foreach (var variable in GrafanaDashboards.Variables())
        {
            IReadOnlyList<string> found = [];
            while (!deadline.IsCancellationRequested)
            {
                found = await prometheus.LabelValuesAsync(variable.Label, variable.Metric, CancellationToken.None);
                if (variable.Name == "job" ? found.Contains(trainingJob) : found.Count > 0)
                {
                    break;
                }
                await PollIntervalAsync(deadline.Token);
            }
            Assert.True(found.Count > 0, $"{variable.Dashboard}: variable ${variable.Name} (label_values({variable.Metric}, {variable.Label})) found no values");
            values[variable.Name] = variable.Name == "job" ? [trainingJob] : found;
        }
        Assert.Contains(trainingJob, values["job"]);
        return values;
    }

    /// <summary>Runs every panel query until each has returned data once or <see cref="DataTimeout"/> passed; the rest, described.</summary>
    private static async Task<List<string>> QueriesWithoutDataAsync(PrometheusServer prometheus, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        var pending = GrafanaDashboards.Queries()
            .Select(query => (Query: query, PromQl: GrafanaDashboards.Substitute(query.Expression, values)))
            .ToList();
        Assert.True(pending.Count >= 30, $"only {pending.Count} panel queries found");
        var lastError = new Dictionary<string, string>(StringComparer.Ordinal);
        var refusedQueries = new List<(PanelQuery Query, string PromQl)>();
        using var deadline = new CancellationTokenSource(DataTimeout);
        while (pending.Count > 0 && !deadline.IsCancellationRequested)
        {
            foreach (var item in pending.ToList())
            {
                try
                {
                    if ((await prometheus.QueryAsync(item.PromQl, CancellationToken.None)).GetArrayLength() > 0)
                    {
                        pending.Remove(item);
                    }
                }
                catch (InvalidOperationException refused)
                {
                    // A query Prometheus refuses (a PromQL error) will never get data: stop asking.
                    lastError[item.PromQl] = refused.Message;
                    pending.Remove(item);
                    refusedQueries.Add(item);
                }
            }
            if (pending.Count > 0)
            {
                await PollIntervalAsync(deadline.Token);
            }
        }
        return pending.Concat(refusedQueries).Select(item => $"  {item.Query.Dashboard} / {item.Query.Panel} ({item.Query.RefId}): {item.PromQl}" +
            (lastError.TryGetValue(item.PromQl, out var error) ? $"  [{error}]" : "")).ToList();
    }

    private static async Task<List<string>> UnknownMetricNamesAsync(PrometheusServer prometheus, PublishedInstruments instruments)
    {
        var scraped = (await prometheus.LabelValuesAsync("__name__", "{__name__=~\".+\"}")).ToHashSet(StringComparer.Ordinal);
        return GrafanaDashboards.Queries().SelectMany(query => PromQlMetricNames.In(query.Expression))
            .Concat(GrafanaDashboards.Variables().Select(variable => variable.Metric))
            .Distinct(StringComparer.Ordinal)
            .Where(name => !scraped.Contains(name) && !instruments.Contains(name))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The name check above is only as good as <see cref="PublishedInstruments.PrometheusNames"/>: every series the
    /// silo exported must be one of the names it derives from the instruments.
    /// </summary>
    private static async Task AssertExporterNamingMatchesAsync(PrometheusServer prometheus, PublishedInstruments instruments, string siloTarget)
    {
        var exported = await prometheus.LabelValuesAsync("__name__", $"{{instance=\"{siloTarget}\"}}");
        var prometheusOwn = new[] { "up", "target_info" };
        var underived = exported.Where(name => !prometheusOwn.Contains(name) && !name.StartsWith("scrape_", StringComparison.Ordinal) && !instruments.Contains(name)).ToList();
        Assert.True(exported.Count > 50 && underived.Count == 0,
            $"{exported.Count} series names from the silo; not derived from its instruments: {string.Join(", ", underived)}");
    }

    // Polling interval between Prometheus API reads (scrapes happen every second), not a wait for a guessed duration.
    private static async Task PollIntervalAsync(CancellationToken deadline)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), deadline);
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>
/// Runs alone: the meters a silo exports (Minimax's, Orleans' and the runtime's) are the process's, so another
/// silo of a parallel test in the same process would mix its series into this silo's scrape, and stopping it
/// would reset Orleans' counters under Prometheus' rate() windows.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMetricsCollection
{
    public const string Name = "process-metrics";
}
