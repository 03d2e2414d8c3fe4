using Grpc.Core;
using Grpc.Health.V1;
using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

[Collection(SecuredSiloCollection.Name)]
public sealed class TenantIsolationTests(SecuredSiloFixture silo)
{
    [Fact]
    public async Task A_tenant_cannot_see_watch_or_cancel_another_tenants_run()
    {
        var alpha = silo.ClientFor("alpha");
        var beta = silo.ClientFor("beta");
        var runId = (await alpha.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml("group_dro", steps: 100000, workers: 1)))).RunId;
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await beta.GetRunAsync(new GetRunRequest { RunId = "run-000000000000" }));

        var get = await Assert.ThrowsAsync<RpcException>(async () => await beta.GetRunAsync(new GetRunRequest { RunId = runId }));
        var cancel = await Assert.ThrowsAsync<RpcException>(async () => await beta.CancelRunAsync(new CancelRunRequest { RunId = runId }));
        var watch = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = beta.WatchRun(new WatchRunRequest { RunId = runId });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        var betaList = await beta.ListRunsAsync(new ListRunsRequest());

        foreach (var error in new[] { get, cancel, watch })
        {
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            // Word for word the unknown-id answer, with only the id changed: nothing says the run exists.
            Assert.Equal(unknown.Status.Detail.Replace("run-000000000000", runId), error.Status.Detail);
        }
        Assert.DoesNotContain(betaList.Runs, run => run.RunId == runId);
        Assert.Contains((await alpha.ListRunsAsync(new ListRunsRequest())).Runs, run => run.RunId == runId);
        var stillRunning = await alpha.GetRunAsync(new GetRunRequest { RunId = runId });
        Assert.NotEqual("cancelled", stillRunning.Status);

        Assert.Equal("cancelled", (await SecuredSiloFixture.CancelAndWaitAsync(alpha, runId)).Status);
    }

    [Fact]
    public async Task A_tenant_cannot_see_or_cancel_another_tenants_mixture_job_or_its_stage_runs()
    {
        var corpus = Path.Combine(silo.DataDirectory, $"corpus-{Guid.NewGuid():N}");
        DomainCorpus.Write(corpus);
        var alpha = silo.JobsFor("alpha");
        var beta = silo.JobsFor("beta");
        var request = new SubmitJobRequest { SpecYaml = DomainCorpus.MixtureYaml(corpus, steps: 100_000, workers: 1), SpecDirectory = silo.DataDirectory };
        var jobId = (await alpha.SubmitJobAsync(request)).JobId;
        var unknown = await Assert.ThrowsAsync<RpcException>(async () => await beta.GetJobAsync(new GetJobRequest { JobId = "mix-000000000000" }));

        var get = await Assert.ThrowsAsync<RpcException>(async () => await beta.GetJobAsync(new GetJobRequest { JobId = jobId }));
        var cancel = await Assert.ThrowsAsync<RpcException>(async () => await beta.CancelJobAsync(new CancelJobRequest { JobId = jobId }));
        var watch = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            using var call = beta.WatchJob(new WatchJobRequest { JobId = jobId });
            await call.ResponseStream.MoveNext(CancellationToken.None);
        });
        foreach (var error in new[] { get, cancel, watch })
        {
            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Equal(unknown.Status.Detail.Replace("mix-000000000000", jobId), error.Status.Detail);
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var stream = alpha.WatchJob(new WatchJobRequest { JobId = jobId });
        var stageRunId = "";
        await foreach (var update in stream.ResponseStream.ReadAllAsync(deadline.Token))
        {
            var report = update.Report?.Mixture ?? update.Progress.Mixture;
            if (report.Stages.Count > 0 && report.Stages[0].Step > 0)
            {
                stageRunId = report.Stages[0].RunId;
                break;
            }
        }
        var stage = await Assert.ThrowsAsync<RpcException>(async () => await silo.ClientFor("beta").GetRunAsync(new GetRunRequest { RunId = stageRunId }));
        Assert.Equal(StatusCode.NotFound, stage.StatusCode);
        Assert.Equal(jobId, (await alpha.GetJobAsync(new GetJobRequest { JobId = jobId })).JobId);

        await alpha.CancelJobAsync(new CancelJobRequest { JobId = jobId });
        Assert.Equal("cancelled", (await SecuredSiloFixture.CancelAndWaitAsync(silo.ClientFor("alpha"), stageRunId)).Status);
    }

    [Fact]
    public async Task No_key_is_unauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await silo.ClientWith(null).ListRunsAsync(new ListRunsRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Theory]
    [InlineData("Bearer not-a-key")]
    [InlineData("Bearer ")]
    [InlineData("Basic a2V5LW9mLWFscGhh")]
    [InlineData("key-of-alpha-0123456789")]
    public async Task A_wrong_key_is_unauthenticated_on_every_method(string authorization)
    {
        var client = silo.ClientWith(authorization);
        var jobs = silo.JobsWith(authorization);

        var errors = new List<RpcException>
        {
            await Assert.ThrowsAsync<RpcException>(async () => await client.ListRunsAsync(new ListRunsRequest())),
            await Assert.ThrowsAsync<RpcException>(async () => await client.SubmitRunAsync(silo.Request(SiloFixture.SpecYaml()))),
            await Assert.ThrowsAsync<RpcException>(async () => await client.GetRunAsync(new GetRunRequest { RunId = "run-x" })),
            await Assert.ThrowsAsync<RpcException>(async () => await client.CancelRunAsync(new CancelRunRequest { RunId = "run-x" })),
            await Assert.ThrowsAsync<RpcException>(async () =>
            {
                using var call = client.WatchRun(new WatchRunRequest { RunId = "run-x" });
                await call.ResponseStream.MoveNext(CancellationToken.None);
            }),
            await Assert.ThrowsAsync<RpcException>(async () => await jobs.ListJobsAsync(new ListJobsRequest())),
            await Assert.ThrowsAsync<RpcException>(async () => await jobs.SubmitJobAsync(new SubmitJobRequest { SpecYaml = SiloFixture.SpecYaml() })),
            await Assert.ThrowsAsync<RpcException>(async () => await jobs.GetJobAsync(new GetJobRequest { JobId = "run-x" })),
            await Assert.ThrowsAsync<RpcException>(async () => await jobs.CancelJobAsync(new CancelJobRequest { JobId = "run-x" })),
            await Assert.ThrowsAsync<RpcException>(async () =>
            {
                using var call = jobs.WatchJob(new WatchJobRequest { JobId = "run-x" });
                await call.ResponseStream.MoveNext(CancellationToken.None);
            }),
        };

        Assert.All(errors, error => Assert.Equal(StatusCode.Unauthenticated, error.StatusCode));
        Assert.All(errors, error => Assert.DoesNotContain("key-of", error.Status.Detail));
    }

    [Fact]
    public async Task Health_needs_no_key()
    {
        var reply = await new Health.HealthClient(silo.Channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
