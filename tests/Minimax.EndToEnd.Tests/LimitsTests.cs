using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Silo.Hosting;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

[Collection(SecuredSiloCollection.Name)]
public sealed class LimitsTests(SecuredSiloFixture silo)
{
    [Fact]
    public async Task More_workers_than_the_limit_is_invalid_argument()
    {
        var request = silo.Request(SiloFixture.SpecYaml(workers: SecuredSiloFixture.MaxWorkers + 1));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await silo.ClientFor("zeta").SubmitRunAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal($"training.workers: at most {SecuredSiloFixture.MaxWorkers} workers per run on this cluster", error.Status.Detail);
    }

    [Fact]
    public async Task A_spec_over_the_size_limit_is_invalid_argument()
    {
        var yaml = SiloFixture.SpecYaml() + "\n# " + new string('x', SecuredSiloFixture.MaxSpecBytes) + "\n";

        var error = await Assert.ThrowsAsync<RpcException>(async () => await silo.ClientFor("zeta").SubmitRunAsync(silo.Request(yaml)));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("spec_yaml: ", error.Status.Detail);
        Assert.Contains("Limits:MaxSpecBytes", error.Status.Detail);
    }

    [Fact]
    public async Task Overrides_count_towards_the_spec_size_limit()
    {
        // Issue 9, item 5: a 115 KB --set value passed a far smaller limit.
        var request = silo.Request(SiloFixture.SpecYaml(workers: 1));
        request.Overrides.Add("name=" + new string('n', 115_000));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await silo.ClientFor("zeta").SubmitRunAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal($"overrides: the spec and its overrides (--set) are larger than {SecuredSiloFixture.MaxSpecBytes} bytes together (Limits:MaxSpecBytes)", error.Status.Detail);
    }

    [Fact]
    public async Task More_overrides_than_the_limit_is_invalid_argument_for_every_kind()
    {
        var limit = new RunLimits().MaxOverrides;
        var run = silo.Request(SiloFixture.SpecYaml(workers: 1));
        run.Overrides.AddRange(Enumerable.Repeat("training.steps=3", limit + 1));
        var job = new SubmitJobRequest { SpecYaml = DomainCorpus.MixtureYaml(silo.DataDirectory, steps: 3, workers: 1), SpecDirectory = silo.DataDirectory };
        job.Overrides.AddRange(Enumerable.Repeat("seed=1", limit + 1));

        var runError = await Assert.ThrowsAsync<RpcException>(async () => await silo.ClientFor("zeta").SubmitRunAsync(run));
        var jobError = await Assert.ThrowsAsync<RpcException>(async () => await silo.JobsFor("zeta").SubmitJobAsync(job));

        foreach (var error in new[] { runError, jobError })
        {
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal($"overrides: {limit + 1} overrides (--set), at most {limit} (Limits:MaxOverrides)", error.Status.Detail);
        }
    }

    [Fact]
    public async Task A_run_beyond_the_concurrent_runs_limit_is_resource_exhausted_until_one_ends()
    {
        var client = silo.ClientFor("zeta");
        var first = await client.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml("group_dro", steps: 100000, workers: 1)));

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await client.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml("erm", steps: 3, workers: 1))));
        Assert.Equal("cancelled", (await SecuredSiloFixture.CancelAndWaitAsync(client, first.RunId)).Status);
        var afterwards = await client.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml("erm", steps: 3, workers: 1)));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Limits:MaxConcurrentRunsPerTenant", error.Status.Detail);
        Assert.Equal("completed", (await SecuredSiloFixture.FinalReportAsync(client, afterwards.RunId)).Status);
    }

    [Fact]
    public async Task A_mixture_job_holds_a_place_under_the_limit_that_its_own_stage_runs_share()
    {
        var jobs = silo.JobsFor("eta");
        var corpus = Path.Combine(silo.DataDirectory, $"corpus-{Guid.NewGuid():N}");
        DomainCorpus.Write(corpus);
        var mixture = await jobs.SubmitJobAsync(new SubmitJobRequest { SpecYaml = DomainCorpus.MixtureYaml(corpus, steps: 100_000, workers: 1), SpecDirectory = corpus });
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using (var watch = jobs.WatchJob(new WatchJobRequest { JobId = mixture.JobId }, cancellationToken: deadline.Token))
        {
            // Its reference stage trains although the tenant is at its limit of one job: it runs in the mixture's place.
            await foreach (var update in watch.ResponseStream.ReadAllAsync(deadline.Token))
            {
                if ((update.Report?.Mixture ?? update.Progress.Mixture).Stages.Any(stage => stage.Step > 0))
                {
                    break;
                }
            }
        }

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await jobs.SubmitJobAsync(new SubmitJobRequest { SpecYaml = SiloFixture.SpecYaml("erm", steps: 3, workers: 1), SpecDirectory = silo.DataDirectory }));
        await jobs.CancelJobAsync(new CancelJobRequest { JobId = mixture.JobId });
        using (var watch = jobs.WatchJob(new WatchJobRequest { JobId = mixture.JobId }, cancellationToken: deadline.Token))
        {
            await foreach (var update in watch.ResponseStream.ReadAllAsync(deadline.Token))
            {
                if (update.Report is { } report)
                {
                    Assert.Equal("cancelled", report.Status);
                }
            }
        }
        var afterwards = await jobs.SubmitJobAsync(new SubmitJobRequest { SpecYaml = SiloFixture.SpecYaml("erm", steps: 3, workers: 1), SpecDirectory = silo.DataDirectory });

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("jobs are pending or running", refused.Status.Detail);
        Assert.Equal("train", afterwards.Kind);
    }
}
