using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using Minimax.Contracts.Api;
using Minimax.Silo;
using Minimax.Silo.Hosting;
using Minimax.Silo.Security;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>The Prometheus scrape endpoint (Telemetry:MetricsPort) of a real silo, read over a socket after a run trained.</summary>
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task A_silo_serves_minimax_and_orleans_metrics_at_slash_metrics_after_a_run()
    {
        var data = Directory.CreateTempSubdirectory("minimax-metrics-").FullName;
        SpuriousCsv.WriteSplits(data, trainRows: 300, evaluationRows: 100, seed: 2);
        var port = SiloProcess.FreePort();
        await using var silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            AuthMode = AuthMode.None,
            DataRoots = [data],
            CheckpointsPath = Path.Combine(data, "checkpoints"),
            Telemetry = new TelemetryOptions { MetricsPort = port },
        }, CancellationToken.None);
        using var channel = GrpcChannel.ForAddress(silo.Address);
        var jobs = new Jobs.JobsClient(channel);

        var run = await jobs.SubmitJobAsync(new SubmitJobRequest { SpecYaml = SiloFixture.SpecYaml("group_dro", steps: 4, workers: 1), SpecDirectory = data });
        await WaitForCompletionAsync(jobs, run.JobId);
        using var http = new HttpClient();
        using var response = await http.GetAsync($"http://127.0.0.1:{port}/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var samples = text.Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#')).ToArray();
        Assert.Contains(samples, line => line.StartsWith("minimax_run_steps_total", StringComparison.Ordinal));
        Assert.Contains(samples, line => line.StartsWith("minimax_run_step_duration_seconds_bucket", StringComparison.Ordinal) && line.Contains("phase=\"forward\""));
        Assert.Contains(samples, line => line.StartsWith("minimax_jobs_completed_total", StringComparison.Ordinal) && line.Contains("outcome=\"completed\""));
        Assert.Contains(samples, line => line.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(samples, line => line.StartsWith("dotnet_", StringComparison.Ordinal));
        // The run has ended: none of its per-job series is left.
        Assert.DoesNotContain(samples, line => line.Contains($"job=\"{run.JobId}\""));
    }

    [Fact]
    public async Task With_keys_the_scrape_needs_a_key_like_the_api()
    {
        const string key = "metrics-secret";
        var port = SiloProcess.FreePort();
        await using var silo = await EmbeddedCluster.StartAsync(new SiloOptions
        {
            AuthKeys = [new TenantKey("ops", ApiKeyAuthenticator.HashKey(key))],
            Telemetry = new TelemetryOptions { MetricsPort = port },
        }, CancellationToken.None);
        using var http = new HttpClient();

        using var anonymous = await http.GetAsync($"http://127.0.0.1:{port}/metrics");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var keyed = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        Assert.Contains("orleans_", await keyed.Content.ReadAsStringAsync());
    }

    private static async Task WaitForCompletionAsync(Jobs.JobsClient client, string jobId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var call = client.WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: deadline.Token);
        await foreach (var item in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            if (item.EventCase == JobEvent.EventOneofCase.Report)
            {
                Assert.Equal("completed", item.Report.Status);
                return;
            }
        }
        throw new InvalidOperationException($"the watch of {jobId} ended without a final report");
    }
}
