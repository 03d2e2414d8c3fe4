using Microsoft.Extensions.DependencyInjection;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Mixtures;
using Minimax.Testing;

namespace Minimax.Grains.Tests;

/// <summary>Evaluation workers score a language-model run's final model per domain, as its own held-out evaluation did.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LanguageModelScoringTests(ClusterFixture fixture)
{
    [Fact]
    public async Task One_and_two_shards_reproduce_the_runs_per_domain_token_tally()
    {
        var corpus = TestData.WriteCorpus();
        var job = MixtureSpecReader.Read(DomainCorpus.MixtureYaml(corpus, steps: 10, workers: 2), [], corpus);
        var spec = MixtureStages.ReferenceRun(job, 1, DomainWeightsSpec.Uniform);
        var runId = $"lm-{Guid.NewGuid():N}";
        var run = fixture.Grains.GetGrain<IRunGrain>(runId);
        await run.SubmitAsync(spec, "local");
        var (snapshot, _) = await RunWatcher.UntilTerminalAsync(run, TimeSpan.FromSeconds(120));
        Assert.True(snapshot.Status.ToWire() == "completed", snapshot.Reason);
        var test = snapshot.Result!.Test!;
        var evaluation = EvaluationSpecReader.Read(
            $$"""
            kind: evaluation
            name: lm-self-test
            data: { format: text_folders, train: train, heldout: heldout }
            models:
              - { name: reference, run: {{runId}} }
            """,
            [],
            corpus);

        foreach (var shardCount in new[] { 1, 2 })
        {
            var jobId = $"eval-{Guid.NewGuid():N}";
            var shards = await Task.WhenAll(Enumerable.Range(0, shardCount).Select(shard =>
                fixture.Grains.GetGrain<IEvaluationWorkerGrain>($"{jobId}/{shard}")
                    .ScoreAsync(evaluation, "local", shard, shardCount, [new ScoredModel("reference", runId, spec)])));

            Assert.All(shards, shard => Assert.Equal(DomainCorpus.Domains, shard.GroupNames!));
            Assert.All(shards, shard => Assert.Empty(shard.Labels));
            Assert.All(shards, shard => Assert.Null(shard.Models[0].Predictions));
            foreach (var group in test.Groups)
            {
                var count = shards.Sum(shard => shard.Models[0].Tally.Counts[group.Group]);
                var correct = shards.Sum(shard => shard.Models[0].Tally.Correct[group.Group]);
                var loss = shards.Sum(shard => shard.Models[0].Tally.LossSums[group.Group]);
                Assert.Equal(group.Count, count);
                Assert.Equal(group.Accuracy, (double)correct / count);
                Assert.Equal(group.Loss, loss / count, 5);
            }
        }
    }

    [Fact]
    public async Task Another_tokenizer_than_the_runs_is_named()
    {
        var corpus = TestData.WriteCorpus();
        var job = MixtureSpecReader.Read(DomainCorpus.MixtureYaml(corpus, steps: 10), [], corpus);
        var spec = MixtureStages.ReferenceRun(job, 1, DomainWeightsSpec.Uniform);
        var runId = $"lm-{Guid.NewGuid():N}";
        var evaluation = EvaluationSpecReader.Read(
            $$"""
            kind: evaluation
            name: lm-tokenizer
            data: { format: text_folders, train: train, tokenizer: gpt2 }
            models:
              - { name: reference, run: {{runId}} }
            """,
            [],
            corpus);
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Orleans.Serialization.Serializer>();
        await fixture.Checkpoints.WriteAsync($"{runId}/final-model", serializer.SerializeToArray(FlatTensor.From([1f])), CancellationToken.None);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Grains.GetGrain<IEvaluationWorkerGrain>($"eval-{Guid.NewGuid():N}/0")
            .ScoreAsync(evaluation, "local", 0, 1, [new ScoredModel("reference", runId, spec)]));

        Assert.StartsWith("models[0].run:", error.Message, StringComparison.Ordinal);
        Assert.Contains("bytes tokenizer, but data.tokenizer is gpt2", error.Message, StringComparison.Ordinal);
    }
}
