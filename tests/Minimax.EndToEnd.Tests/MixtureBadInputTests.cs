using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>
/// Mixture jobs whose problems only show once the corpus is read or the model is built: accepted, then
/// failed with a reason that names the field or the file and line; the silo keeps serving.
/// </summary>
[Collection(SiloCollection.Name)]
public sealed class MixtureBadInputTests(SiloFixture silo)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private Jobs.JobsClient Client => new(silo.Channel);

    [Theory]
    [InlineData("model.width=65536", "model.width")]
    [InlineData("training.batch_size=1048576", "training.batch_size")]
    public async Task Models_too_large_for_a_worker_are_refused_at_submit_naming_the_fields(string overrideText, string named)
    {
        var request = Request(Corpus());
        request.Overrides.Add(overrideText);

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Client.SubmitJobAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(named, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Limits:MaxWorkerMemoryBytes", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model.context=4000", "domain 'arithmetic' has 2000 held-out tokens")]
    public async Task Problems_found_when_the_reference_stage_starts_fail_the_job_with_a_reason(string overrideText, string named)
    {
        var request = Request(Corpus());
        request.Overrides.Add(overrideText);

        var report = await FinalAsync((await Client.SubmitJobAsync(request)).JobId);

        Assert.Equal("failed", report.Status);
        Assert.True(report.Reason.Contains(named, StringComparison.Ordinal), report.Reason);
        var stage = Assert.Single(report.Stages);
        Assert.Equal("reference", stage.Stage);
        Assert.Equal("failed", stage.Status);
    }

    [Fact]
    public async Task A_jsonl_corpus_with_a_broken_record_fails_the_job_naming_the_file_and_line()
    {
        var root = Path.Combine(silo.DataDirectory, $"jsonl-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var lines = Enumerable.Range(0, 60)
            .Select(i => $$$"""{"text": "{{{new string((char)('a' + i % 3), 200)}}}", "meta": {"pile_set_name": "d{{{i % 3}}}"}}""")
            .ToList();
        lines[41] = """{"text": "no domain here"}""";
        File.WriteAllLines(Path.Combine(root, "part-0.jsonl"), lines);
        var yaml = DomainCorpus.MixtureYaml(root, steps: 5)
            .Replace("format: text_folders", "format: jsonl", StringComparison.Ordinal)
            .Replace($"train: {Path.Combine(root, "train")}", $"train: {root}", StringComparison.Ordinal)
            .Replace($"heldout: {Path.Combine(root, "heldout")}", "heldout_fraction: 0.2", StringComparison.Ordinal);

        var report = await FinalAsync((await Client.SubmitJobAsync(new SubmitJobRequest { SpecYaml = yaml, SpecDirectory = root })).JobId);

        Assert.Equal("failed", report.Status);
        Assert.Contains("part-0.jsonl", report.Reason);
        Assert.Contains("42", report.Reason);
        Assert.Contains("meta.pile_set_name", report.Reason);
        // The silo still trains: the same corpus without the broken record completes.
        lines[41] = lines[40];
        File.WriteAllLines(Path.Combine(root, "part-0.jsonl"), lines);
        var again = await FinalAsync((await Client.SubmitJobAsync(new SubmitJobRequest { SpecYaml = yaml, SpecDirectory = root })).JobId);
        Assert.True(again.Status == "completed", again.Reason);
        Assert.Equal(["d0", "d1", "d2"], again.Domains);
    }

    private SubmitJobRequest Request(string root) =>
        new() { SpecYaml = DomainCorpus.MixtureYaml(root, steps: 5, workers: 1), SpecDirectory = silo.DataDirectory };

    private string Corpus()
    {
        var root = Path.Combine(silo.DataDirectory, $"corpus-{Guid.NewGuid():N}");
        DomainCorpus.Write(root);
        return root;
    }

    private async Task<MixtureReport> FinalAsync(string jobId)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        using var call = Client.WatchJob(new WatchJobRequest { JobId = jobId }, cancellationToken: deadline.Token);
        MixtureReport? last = null;
        await foreach (var update in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            last = update.Report?.Mixture ?? update.Progress.Mixture;
        }
        return last ?? throw new InvalidOperationException($"job {jobId} sent no report");
    }
}
