using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>Limits:MaxWorkerMemoryBytes (default 4 GiB): a job whose estimated peak memory per worker exceeds it is refused at submit.</summary>
[Collection(SiloCollection.Name)]
public sealed class WorkerMemoryLimitTests(SiloFixture silo)
{
    [Fact]
    public async Task The_issues_transformer_with_a_65536_wide_ff_over_4096_tokens_is_refused_naming_the_fields()
    {
        var corpus = WriteCorpus();
        var request = new SubmitRunRequest
        {
            SpecYaml = $$"""
                name: lm-huge-ff
                data: { format: text_folders, train: {{Path.Combine(corpus, "train")}} }
                model: { kind: transformer, layers: 1, heads: 1, width: 64, ff: 65536, context: 4096 }
                training: { steps: 1, batch_size: 16 }
                """,
            SpecDirectory = silo.DataDirectory,
        };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await silo.Client.SubmitRunAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        // Its largest part is the evaluation batch (32 windows of 4096 tokens through the 65536-wide MLP), then training's feed-forward.
        Assert.StartsWith("model.ff, model.context, data.tokenizer: estimated peak ", error.Status.Detail);
        Assert.Contains("GiB per worker exceeds Limits:MaxWorkerMemoryBytes (4 GiB)", error.Status.Detail);
    }

    [Fact]
    public async Task A_mixture_whose_proxy_stage_would_not_fit_is_refused_before_any_stage_runs()
    {
        var corpus = WriteCorpus();
        var yaml = DomainCorpus.MixtureYaml(corpus, steps: 1)
            .Replace("context: 32", "context: 4096", StringComparison.Ordinal)
            .Replace("batch_size: 12", "batch_size: 512", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await new Jobs.JobsClient(silo.Channel).SubmitJobAsync(new SubmitJobRequest { SpecYaml = yaml, SpecDirectory = corpus }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("exceeds Limits:MaxWorkerMemoryBytes", error.Status.Detail);
    }

    [Fact]
    public async Task An_accepted_run_reports_its_estimate()
    {
        var request = new SubmitRunRequest { SpecYaml = SiloFixture.SpecYaml("erm", steps: 1, workers: 1), SpecDirectory = silo.DataDirectory };

        var runId = (await silo.Client.SubmitRunAsync(request)).RunId;
        var report = await silo.Client.GetRunAsync(new GetRunRequest { RunId = runId });

        // The fixture's small MLP: far below the limit, but never nothing (its parameters and data at least).
        Assert.InRange(report.MemoryEstimateBytes, 1, 1L << 30);
    }

    private string WriteCorpus()
    {
        var corpus = Path.Combine(silo.DataDirectory, $"corpus-{Guid.NewGuid():N}");
        DomainCorpus.Write(corpus);
        return corpus;
    }
}
