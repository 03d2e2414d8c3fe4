using Grpc.Core;
using Minimax.Contracts.Api;

namespace Minimax.EndToEnd.Tests;

/// <summary>Paged ListJobs, DeleteJob and the CLI's list, delete and diverged runs over real gRPC.</summary>
[Collection(SecuredSiloCollection.Name)]
public sealed class JobLifecycleApiTests(SecuredSiloFixture silo)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Jobs_are_listed_page_by_page_and_a_finished_job_is_deleted_once()
    {
        var jobs = silo.JobsFor("eta");
        var submitted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var id = (await jobs.SubmitJobAsync(Submit(SiloFixture.SpecYaml("erm", steps: 2, workers: 1)))).JobId;
            Assert.Equal("completed", (await FinishAsync(jobs, id)).Status);
            submitted.Add(id);
        }

        var listed = new List<string>();
        var request = new ListJobsRequest { PageSize = 2 };
        var pages = 0;
        do
        {
            var page = await jobs.ListJobsAsync(request);
            Assert.True(page.Jobs.Count <= 2);
            listed.AddRange(page.Jobs.Select(job => job.JobId));
            request.PageToken = page.NextPageToken;
            pages++;
        }
        while (request.PageToken.Length > 0);
        Assert.Equal(submitted, listed.Where(submitted.Contains));
        Assert.True(pages >= 3, $"{pages} pages");
        var badToken = await Assert.ThrowsAsync<RpcException>(async () => await jobs.ListJobsAsync(new ListJobsRequest { PageToken = "x" }));
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
        Assert.StartsWith("page_token", badToken.Status.Detail);

        var other = await Assert.ThrowsAsync<RpcException>(async () => await silo.JobsFor("epsilon").DeleteJobAsync(new DeleteJobRequest { JobId = submitted[0] }));
        Assert.Equal(StatusCode.NotFound, other.StatusCode);
        await jobs.DeleteJobAsync(new DeleteJobRequest { JobId = submitted[0] });
        var gone = await Assert.ThrowsAsync<RpcException>(async () => await jobs.GetJobAsync(new GetJobRequest { JobId = submitted[0] }));
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        var again = await Assert.ThrowsAsync<RpcException>(async () => await jobs.DeleteJobAsync(new DeleteJobRequest { JobId = submitted[0] }));
        Assert.Equal(StatusCode.NotFound, again.StatusCode);

        var delete = await Cli.RunAsync(["delete", submitted[1], "--cluster", silo.Address.ToString(), "--api-key", SecuredSiloFixture.KeyOf("eta")], Timeout);
        Assert.True(delete.ExitCode == 0, delete.StandardError);
        var list = await Cli.RunAsync(["list", "--cluster", silo.Address.ToString(), "--api-key", SecuredSiloFixture.KeyOf("eta"), "--json"], Timeout);
        Assert.True(list.ExitCode == 0, list.StandardError);
        Assert.DoesNotContain(submitted[1], list.StandardOutput);
        Assert.Contains(submitted[4], list.StandardOutput);
    }

    [Fact]
    public async Task A_running_job_is_not_deleted()
    {
        var jobs = silo.JobsFor("eta");
        var id = (await jobs.SubmitJobAsync(Submit(SiloFixture.SpecYaml("erm", steps: 100_000, workers: 1)))).JobId;

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await jobs.DeleteJobAsync(new DeleteJobRequest { JobId = id }));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("cancel it first", refused.Status.Detail);
        await jobs.CancelJobAsync(new CancelJobRequest { JobId = id });
        Assert.Equal("cancelled", (await FinishAsync(jobs, id)).Status);
        await jobs.DeleteJobAsync(new DeleteJobRequest { JobId = id });
    }

    [Fact]
    public async Task A_run_whose_learning_rate_explodes_fails_as_diverged_and_the_cli_exits_non_zero()
    {
        var spec = Path.Combine(silo.DataDirectory, $"diverge-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(spec, SiloFixture.SpecYaml("group_dro", steps: 50, workers: 2));

        var result = await Cli.RunAsync(
            ["run", spec, "--cluster", silo.Address.ToString(), "--api-key", SecuredSiloFixture.KeyOf("eta"), "--set", "training.optimizer.lr=1e30", "--json"],
            Timeout);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("diverged at step ", result.StandardOutput + result.StandardError);
        Assert.Contains("\"failed\"", result.StandardOutput);
    }

    private SubmitJobRequest Submit(string yaml) => new() { SpecYaml = yaml, SpecDirectory = silo.DataDirectory, RequestId = Guid.NewGuid().ToString("N") };

    private static async Task<JobReport> FinishAsync(Jobs.JobsClient jobs, string id)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        using var call = jobs.WatchJob(new WatchJobRequest { JobId = id }, cancellationToken: deadline.Token);
        await foreach (var update in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            if (update.EventCase == JobEvent.EventOneofCase.Report)
            {
                return update.Report;
            }
        }
        throw new InvalidOperationException($"the watch of {id} ended without a report");
    }
}
