using Grpc.Core;
using Minimax.Contracts.Api;
using Minimax.Testing;

namespace Minimax.EndToEnd.Tests;

/// <summary>A plain training run of a Transformer LM on a text corpus, with a chosen domain mixture, over gRPC.</summary>
[Collection(SiloCollection.Name)]
public sealed class LanguageModelRunTests(SiloFixture silo)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_text_run_draws_batches_by_its_mixture_and_reports_per_domain_perplexity()
    {
        var corpus = Path.Combine(silo.DataDirectory, $"corpus-{Guid.NewGuid():N}");
        DomainCorpus.Write(corpus);
        var request = new SubmitRunRequest
        {
            SpecYaml = $$"""
                name: lm-run
                data:
                  format: text_folders
                  train: {{Path.Combine(corpus, "train")}}
                  heldout: {{Path.Combine(corpus, "heldout")}}
                  mixture: { arithmetic: 3, noise: 0, repeat: 1 }
                model: { kind: transformer, layers: 1, heads: 2, width: 32, ff: 64, context: 32 }
                training: { workers: 2, steps: 12, batch_size: 16, eval_every: 6, optimizer: { kind: adamw, lr: 0.003 } }
                """,
            SpecDirectory = silo.DataDirectory,
        };

        var runId = (await silo.Client.SubmitRunAsync(request)).RunId;
        var report = await FinalReportAsync(runId);

        Assert.True(report.Status == "completed", report.Reason);
        Assert.Equal("erm", report.Objective);
        Assert.Equal(DomainCorpus.Domains, report.GroupNames);
        // ERM's weights are the last batch's domain proportions: 12 of 16 windows arithmetic, none noise.
        Assert.Equal([0.75, 0.0, 0.25], report.GroupWeights);
        var test = report.Test;
        Assert.Equal(3, test.Groups.Count);
        Assert.All(test.Groups, group => Assert.Equal(Math.Exp(group.Loss), group.Perplexity, 9));
        Assert.Equal(Math.Exp(test.Groups.Average(group => group.Loss)), test.AveragePerplexity, 9);
        Assert.Equal(test.Groups.Average(group => group.Perplexity), test.ArithmeticAveragePerplexity, 9);
        Assert.Equal(test.Groups.Max(group => group.Perplexity), test.WorstPerplexity, 9);
        Assert.Equal(test.Groups.MaxBy(group => group.Perplexity)!.Group, test.WorstPerplexityGroup);
        // Every held-out token of a domain is evaluated: 2,000 characters of each give 62 windows of 32.
        Assert.All(test.Groups, group => Assert.Equal(62 * 32, group.Count));
    }

    [Fact]
    public async Task A_gpt2_tokenized_run_trains_over_the_50257_token_vocabulary()
    {
        var corpus = Path.Combine(silo.DataDirectory, $"corpus-{Guid.NewGuid():N}");
        DomainCorpus.Write(corpus);
        var request = new SubmitRunRequest
        {
            SpecYaml = $$"""
                name: lm-gpt2
                data: { format: text_folders, train: {{Path.Combine(corpus, "train")}}, heldout_fraction: 0.2, tokenizer: gpt2 }
                model: { kind: transformer, layers: 1, heads: 2, width: 16, ff: 32, context: 16 }
                training: { workers: 2, steps: 4, batch_size: 8, optimizer: { kind: adamw, lr: 0.01 } }
                """,
            SpecDirectory = silo.DataDirectory,
        };

        var report = await FinalReportAsync((await silo.Client.SubmitRunAsync(request)).RunId);

        Assert.True(report.Status == "completed", report.Reason);
        Assert.Equal(DomainCorpus.Domains, report.GroupNames);
        // An untrained model over GPT-2's vocabulary starts near ln(50257) ≈ 10.8 nats per token.
        Assert.All(report.Test.Groups, group => Assert.InRange(group.Loss, 5, 12));
        Assert.All(report.Test.Groups, group => Assert.True(group.Count > 0 && group.Count % 16 == 0));
    }

    [Fact]
    public async Task A_mixture_naming_an_unknown_domain_is_invalid_argument_naming_the_field()
    {
        var corpus = Path.Combine(silo.DataDirectory, $"corpus-{Guid.NewGuid():N}");
        DomainCorpus.Write(corpus);
        var request = new SubmitRunRequest
        {
            SpecYaml = $$"""
                name: lm-bad-mixture
                data: { format: text_folders, train: {{Path.Combine(corpus, "train")}}, mixture: { arithmetic: 1, noise: 1, repeat: 1, poetry: 1 } }
                model: { kind: transformer, layers: 1, heads: 2, width: 32, ff: 64, context: 32 }
                training: { steps: 5, batch_size: 8 }
                """,
            SpecDirectory = silo.DataDirectory,
        };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await silo.Client.SubmitRunAsync(request));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.StartsWith("data.mixture: 'poetry' is not a domain of the corpus", error.Status.Detail);
    }

    private async Task<RunReport> FinalReportAsync(string runId)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        using var call = silo.Client.WatchRun(new WatchRunRequest { RunId = runId }, cancellationToken: deadline.Token);
        RunReport? report = null;
        await foreach (var item in call.ResponseStream.ReadAllAsync(deadline.Token))
        {
            report = item.EventCase == WatchRunEvent.EventOneofCase.Report ? item.Report : report;
        }
        return report ?? throw new InvalidOperationException($"run {runId} ended its watch without a report");
    }
}
