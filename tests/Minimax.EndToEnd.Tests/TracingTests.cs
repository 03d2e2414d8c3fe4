using System.Diagnostics;
using System.Text.Json;
using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Grains.Telemetry;
using Minimax.Silo;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;
using Minimax.Testing;
using OpenTelemetry.Trace;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Traces of a real silo read through its tracer provider: a run submitted over gRPC on loopback, trained by
/// two real workers, is one trace from the gRPC call down to the workers' phases, and its report names it.
/// </summary>
public sealed class TracingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_run_is_one_trace_from_the_grpc_call_down_to_the_workers_phases_and_its_report_names_it()
    {
        var spans = new SpanCollector();
        await using var silo = await StartAsync(spans, stepTraceEvery: 2);
        using var channel = GrpcChannel.ForAddress(silo.Cluster.Address);
        var jobs = new Jobs.JobsClient(channel);

        var submitted = await jobs.SubmitJobAsync(new SubmitJobRequest { SpecYaml = SiloFixture.SpecYaml("group_dro", steps: 4, workers: 2), SpecDirectory = silo.Data });
        var job = await spans.WaitForAsync(span => IsJobSpan(span, submitted.JobId), $"job of {submitted.JobId}", Timeout);
        var report = await jobs.GetJobAsync(new GetJobRequest { JobId = submitted.JobId });
        var trace = spans.InTrace(job.TraceId);
        var byId = trace.ToDictionary(span => span.SpanId);

        Assert.Equal("completed", report.Status);
        Assert.Equal(job.TraceId.ToHexString(), report.TraceId);
        Assert.Equal([submitted.JobId, "train", CallerTenant.Local], Tags(job, MinimaxTracing.JobIdTag, MinimaxTracing.JobKindTag, MinimaxTracing.TenantTag));
        // The trace starts at the SubmitJob call and reaches the job span through Orleans' grain call spans.
        var request = Assert.Single(trace, span => span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore" && Ancestors(job, byId).Contains(span));
        Assert.Contains("SubmitJob", request.DisplayName + request.GetTagItem("url.path"));
        Assert.Contains(Ancestors(job, byId), span => span.Source.Name == "Microsoft.Orleans.Application");

        // Steps 1 and 3 of 4 are traced (one in two), under the job, with the run's tags.
        var steps = trace.Where(span => span.Source.Name == MinimaxTracing.SourceName && span.OperationName == "step").ToArray();
        Assert.Equal([1, 3], steps.Select(span => (int)span.GetTagItem(MinimaxTracing.StepTag)!).Order());
        Assert.All(steps, step =>
        {
            Assert.Equal([submitted.JobId, "train", CallerTenant.Local], Tags(step, MinimaxTracing.JobIdTag, MinimaxTracing.JobKindTag, MinimaxTracing.TenantTag));
            Assert.Contains(job, Ancestors(step, byId));
        });

        // Each worker's phases of each traced step, below that step's span and tagged with it.
        var workerPhases = trace.Where(span => span.GetTagItem(MinimaxTracing.ShardTag) is not null).ToArray();
        foreach (var step in steps)
        {
            var number = (int)step.GetTagItem(MinimaxTracing.StepTag)!;
            foreach (var shard in new[] { 0, 1 })
            {
                var phases = workerPhases.Where(span => (int)span.GetTagItem(MinimaxTracing.ShardTag)! == shard && Equals(span.GetTagItem(MinimaxTracing.StepTag), number)).ToArray();
                Assert.Equal(["backward", "forward", "gradient_exchange", "optimizer"], phases.Select(span => (string)span.GetTagItem(MinimaxTracing.PhaseTag)!).Order());
                Assert.All(phases, phase =>
                {
                    Assert.Equal(submitted.JobId, phase.GetTagItem(MinimaxTracing.JobIdTag));
                    Assert.Contains(step, Ancestors(phase, byId));
                });
            }
        }
        Assert.Contains(trace, span => span.OperationName == "evaluate" && span.Source.Name == MinimaxTracing.SourceName);
        Assert.Contains(trace, span => span.OperationName == "checkpoint" && span.Source.Name == MinimaxTracing.SourceName);
    }

    [Fact]
    public async Task With_step_tracing_off_a_run_has_its_job_span_and_no_step_spans()
    {
        var spans = new SpanCollector();
        await using var silo = await StartAsync(spans, stepTraceEvery: 0);
        using var channel = GrpcChannel.ForAddress(silo.Cluster.Address);
        var jobs = new Jobs.JobsClient(channel);

        var submitted = await jobs.SubmitJobAsync(new SubmitJobRequest { SpecYaml = SiloFixture.SpecYaml("group_dro", steps: 3, workers: 2), SpecDirectory = silo.Data });
        var job = await spans.WaitForAsync(span => IsJobSpan(span, submitted.JobId), $"job of {submitted.JobId}", Timeout);
        var trace = spans.InTrace(job.TraceId);

        Assert.Equal("completed", job.GetTagItem("minimax.job.outcome"));
        Assert.DoesNotContain(trace, span => span.OperationName == "step" || span.GetTagItem(MinimaxTracing.ShardTag) is not null);
        // The run's own work is still traced.
        Assert.Contains(trace, span => span.OperationName == "evaluate");
    }

    [Fact]
    public async Task The_cli_call_that_submits_a_job_is_in_the_jobs_trace_and_minimax_get_prints_its_id()
    {
        var spans = new SpanCollector();
        await using var silo = await StartAsync(spans, stepTraceEvery: 100);
        using var otlp = new OtlpReceiver();
        var spec = Path.Combine(silo.Data, "spec.yaml");
        File.WriteAllText(spec, SiloFixture.SpecYaml("group_dro", steps: 2, workers: 1));
        var cluster = silo.Cluster.Address.ToString();
        var exporting = new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.Endpoint,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        };
        var notExporting = new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = null };

        var submit = await Cli.RunAsync(["submit", spec, "--cluster", cluster, "--json"], Timeout, environment: exporting);
        Assert.True(submit.ExitCode == 0, submit.StandardError);
        var jobId = JsonDocument.Parse(submit.StandardOutput).RootElement.GetProperty("job_id").GetString()!;
        var job = await spans.WaitForAsync(span => IsJobSpan(span, jobId), $"job of {jobId}", Timeout);
        // The CLI's span is the (remote) parent of the silo's SubmitJob span, and the CLI exported it over OTLP.
        Assert.Contains(spans.InTrace(job.TraceId), span => span.Kind == ActivityKind.Server && span.Source.Name == "Microsoft.AspNetCore" && span.HasRemoteParent);
        await otlp.WaitForTraceAsync(job.TraceId, Timeout);
        var get = await Cli.RunAsync(["get", jobId, "--cluster", cluster], Timeout, environment: notExporting);
        var getJson = await Cli.RunAsync(["get", jobId, "--cluster", cluster, "--json"], Timeout, environment: notExporting);

        Assert.True(get.ExitCode == 0, get.StandardError);
        Assert.Contains($"trace: {job.TraceId.ToHexString()}", get.StandardOutput.Split('\n').Select(line => line.Trim()));
        Assert.Equal(job.TraceId.ToHexString(), JsonDocument.Parse(getJson.StandardOutput).RootElement.GetProperty("trace_id").GetString());
    }

    [Fact]
    public async Task A_sweeps_trial_runs_are_child_spans_in_the_sweeps_trace_and_their_reports_name_it()
    {
        var spans = new SpanCollector();
        await using var silo = await StartAsync(spans, stepTraceEvery: 100);
        using var channel = GrpcChannel.ForAddress(silo.Cluster.Address);
        var jobs = new Jobs.JobsClient(channel);
        File.WriteAllText(Path.Combine(silo.Data, "base.yaml"), SiloFixture.SpecYaml("erm", steps: 2, workers: 1));
        const string sweep = "kind: sweep\nname: traced-sweep\nbase: base.yaml\ngrid: { seed: [0, 1] }\nparallel: 2\n";

        var submitted = await jobs.SubmitJobAsync(new SubmitJobRequest { SpecYaml = sweep, SpecDirectory = silo.Data });
        var job = await spans.WaitForAsync(span => IsJobSpan(span, submitted.JobId), $"job of {submitted.JobId}", Timeout);
        var trace = spans.InTrace(job.TraceId);
        var byId = trace.ToDictionary(span => span.SpanId);
        var trials = trace.Where(span => span.OperationName == "job" && Equals(span.GetTagItem(MinimaxTracing.JobKindTag), "train")).ToArray();

        Assert.Equal("completed", job.GetTagItem("minimax.job.outcome"));
        Assert.Equal(2, trials.Length);
        Assert.All(trials, trial => Assert.Contains(job, Ancestors(trial, byId)));
        // Each trial's first step is traced (one in 100), below its run's job span.
        Assert.All(trials, trial => Assert.Contains(trace, span => span.OperationName == "step"
            && Equals(span.GetTagItem(MinimaxTracing.JobIdTag), trial.GetTagItem(MinimaxTracing.JobIdTag)) && Ancestors(span, byId).Contains(trial)));
        foreach (var id in trials.Select(trial => (string)trial.GetTagItem(MinimaxTracing.JobIdTag)!).Append(submitted.JobId))
        {
            Assert.Equal(job.TraceId.ToHexString(), (await jobs.GetJobAsync(new GetJobRequest { JobId = id })).TraceId);
        }
    }

    private static bool IsJobSpan(Activity span, string jobId) =>
        span.Source.Name == MinimaxTracing.SourceName && span.OperationName == "job" && Equals(span.GetTagItem(MinimaxTracing.JobIdTag), jobId);

    private static object?[] Tags(Activity span, params string[] names) => [.. names.Select(span.GetTagItem)];

    private static List<Activity> Ancestors(Activity span, IReadOnlyDictionary<ActivitySpanId, Activity> byId)
    {
        var ancestors = new List<Activity>();
        for (var parent = span.ParentSpanId; byId.TryGetValue(parent, out var next); parent = next.ParentSpanId)
        {
            ancestors.Add(next);
        }
        return ancestors;
    }

    private static async Task<TracedSilo> StartAsync(SpanCollector spans, int stepTraceEvery)
    {
        var data = Directory.CreateTempSubdirectory("minimax-traces-").FullName;
        SpuriousCsv.WriteSplits(data, trainRows: 300, evaluationRows: 100, seed: 3);
        var cluster = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            AuthMode = AuthMode.None,
            DataRoots = [data],
            CheckpointsPath = Path.Combine(data, "checkpoints"),
            Telemetry = new TelemetryOptions { StepTraceEvery = stepTraceEvery, ConfigureTracing = tracing => tracing.AddProcessor(spans) },
        }, CancellationToken.None);
        return new TracedSilo(cluster, data);
    }

    private sealed record TracedSilo(EmbeddedCluster Cluster, string Data) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Cluster.DisposeAsync();
    }
}
