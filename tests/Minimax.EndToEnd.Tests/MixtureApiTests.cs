using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>Mixture jobs through minimax.v1.Jobs over a real loopback socket: validation, not-found, cancel of a job and its stage.</summary>
[Collection(SiloCollection.Name)]
public sealed class MixtureApiTests(SiloFixture silo)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private Jobs.JobsClient Client => new(silo.Channel);

    [Theory]
    [InlineData("kind=tournament", "kind")]
    [InlineData("doremi.rounds=0", "doremi.rounds")]
    [InlineData("doremi.step_size=0", "doremi.step_size")]
    [InlineData("doremi.smoothing=1", "doremi.smoothing")]
    [InlineData("doremi.reference_weights=sizes", "doremi.reference_weights")]
    [InlineData("doremi.reference_weights={arithmetic: 1, noise: 1}", "doremi.reference_weights: no weight for domain 'repeat'")]
    [InlineData("doremi.reference_weights={arithmetic: 1, noise: 1, repeat: 1, poetry: 1}", "doremi.reference_weights: 'poetry' is not a domain")]
    [InlineData("data.mixture=uniform", "data.mixture")]
    [InlineData("data.format=csv", "data.heldout")]
    [InlineData("data.train=missing", "data.train")]
    [InlineData("model.kind=mlp", "model.kind")]
    [InlineData("model.heads=3", "model.width")]
    [InlineData("training.select_by=val_average_accuracy", "training.select_by")]
    [InlineData("training.optimizer.warmup=-1", "training.optimizer.warmup")]
    public async Task Invalid_mixture_specs_get_invalid_argument_naming_the_field(string overrideText, string field)
    {
        var request = Request(DomainCorpus.MixtureYaml(CorpusRoot(), steps: 10));
        request.Overrides.Add(overrideText);

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Client.SubmitJobAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith(field, error.Status.Detail);
    }

    [Fact]
    public async Task A_doremi_spec_sent_as_a_run_is_refused_naming_kind()
    {
        var request = new SubmitRunRequest { SpecYaml = DomainCorpus.MixtureYaml(CorpusRoot(), steps: 10), SpecDirectory = silo.DataDirectory };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await silo.Client.SubmitRunAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("kind", error.Status.Detail);
    }

    [Fact]
    public async Task Unknown_jobs_are_not_found_and_bad_ids_invalid()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetJobAsync(new GetJobRequest { JobId = "mix-doesnotexist" }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await Client.CancelJobAsync(new CancelJobRequest { JobId = "../x" }));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.StartsWith("job_id", invalid.Status.Detail);
    }

    [Fact]
    public async Task Cancelling_a_job_cancels_it_and_its_running_stage_run()
    {
        var reply = await Client.SubmitJobAsync(Request(DomainCorpus.MixtureYaml(CorpusRoot(), steps: 100_000, workers: 1)));
        Assert.Equal("doremi", reply.Kind);
        using var call = Client.WatchJob(new WatchJobRequest { JobId = reply.JobId });
        using var deadline = new CancellationTokenSource(Timeout);
        MixtureReport? last = null;
        var cancelled = false;
        await foreach (var update in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            var report = update.Report?.Mixture ?? update.Progress.Mixture;
            last = report;
            if (!cancelled && report.Stages.Any(stage => stage.Step > 0))
            {
                cancelled = true;
                await Client.CancelJobAsync(new CancelJobRequest { JobId = reply.JobId });
            }
        }

        Assert.Equal("cancelled", last!.Status);
        var stage = Assert.Single(last.Stages);
        Assert.Equal("reference", stage.Stage);
        Assert.StartsWith(reply.JobId, stage.RunId);
        // The stage run is a job of the tenant too: listed with its kind and its parent.
        var listed = (await Client.ListJobsAsync(new ListJobsRequest())).Jobs;
        Assert.Contains(listed, job => job.JobId == reply.JobId && job.Kind == "doremi" && job.Status == "cancelled");
        Assert.Contains(listed, job => job.JobId == stage.RunId && job.Kind == "train" && job.ParentJobId == reply.JobId);
        using var runCall = silo.Client.WatchRun(new WatchRunRequest { RunId = stage.RunId });
        WatchRunEvent? runEnd = null;
        await foreach (var item in runCall.ResponseStream.ReadAllAsync(deadline.Token))
        {
            runEnd = item;
        }
        Assert.Equal("cancelled", runEnd!.Report.Status);
    }

    private SubmitJobRequest Request(string yaml) => new() { SpecYaml = yaml, SpecDirectory = silo.DataDirectory };

    private string CorpusRoot()
    {
        var root = Path.Combine(silo.DataDirectory, $"corpus-{Guid.NewGuid():N}");
        DomainCorpus.Write(root);
        return root;
    }
}
