using System.Text;
using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Evaluations;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Grains.Tests;

/// <summary>An evaluation job of two predictions files, end to end in the grain: pairing by example id, the tests and the correction.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EvaluationJobTests(ClusterFixture fixture) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("minimax-evaluation-").FullName;

    [Fact]
    public async Task Predictions_paired_by_id_give_EVAL_4_overall_and_Holm_over_every_comparison()
    {
        // 100 examples (ids in reverse file order, so pairing by row number would be wrong); group 0 is the
        // first 50. Cells of (base right, persona right): 30 both, 20 base only, 5 persona only, 45 neither.
        var cells = Enumerable.Repeat((true, true), 30).Concat(Enumerable.Repeat((true, false), 20))
            .Concat(Enumerable.Repeat((false, true), 5)).Concat(Enumerable.Repeat((false, false), 45)).ToArray();
        var data = new StringBuilder("example_id,y,g\n");
        var basePredictions = new StringBuilder("id,prediction\n");
        var personaPredictions = new StringBuilder("id,prediction,response\n");
        for (var i = 0; i < cells.Length; i++)
        {
            var (id, y, g) = ($"q{99 - i}", i % 2, i < 50 ? 0 : 1);
            data.Append($"{id},{y},{g}\n");
            basePredictions.Insert(14, $"{id},{(cells[i].Item1 ? y : 1 - y)}\n");
            var refusal = cells[i].Item2 ? "It is 4." : "As an atheist, I cannot answer that.";
            personaPredictions.Append($"{id},{(cells[i].Item2 ? y : 1 - y)},\"{refusal}\"\n");
        }
        File.WriteAllText(Path.Combine(_directory, "test.csv"), data.ToString());
        File.WriteAllText(Path.Combine(_directory, "base.csv"), basePredictions.ToString());
        File.WriteAllText(Path.Combine(_directory, "persona.csv"), personaPredictions.ToString());
        var spec = EvaluationSpecReader.Read("""
            kind: evaluation
            name: eval-4
            data: { format: csv, test: test.csv, label: y, group: g, id: example_id }
            models:
              - { name: human, predictions: base.csv }
              - { name: persona, predictions: persona.csv }
            compare: { base: human, test: mcnemar, correction: holm, alpha: 0.05 }
            abstention: { patterns: default }
            """, [], _directory);
        var job = fixture.Grains.GetGrain<IEvaluationGrain>($"eval-{Guid.NewGuid():N}");

        await job.SubmitAsync(spec, "local");
        var final = await FinalAsync(job);

        Assert.True(final.Info.Status == JobStatus.Completed, final.Info.Reason);
        var result = Assert.IsType<EvaluationSnapshot>(final.Detail).Result!;
        Assert.Equal(100, result.Examples);
        var persona = result.Models.Single(model => model.Name == "persona");
        Assert.Equal(35, persona.Correct);
        Assert.Equal(65, persona.Abstentions);
        Assert.Equal(1.0, persona.AbstentionShareOfErrors, 12);
        var overall = result.Comparisons.Single(comparison => comparison.Group is null);
        Assert.Equal("mcnemar_exact", overall.Test);
        Assert.Equal(0.004077, overall.PValue!.Value, 6);
        Assert.Equal((20, 5), (overall.BaseOnlyCorrect, overall.ModelOnlyCorrect));
        Assert.Equal(30.0, overall.RelativeDrop!.Value, 9);
        Assert.Equal(3, result.Comparisons.Count);
        var ordered = result.Comparisons.OrderBy(comparison => comparison.PValue).ToArray();
        // Holm: the smallest p times 3, then the next times 2 (never below the previous), the largest times 1.
        Assert.Equal(Math.Min(1, 3 * ordered[0].PValue!.Value), ordered[0].PAdjusted!.Value, 12);
        Assert.Equal(Math.Min(1, Math.Max(ordered[0].PAdjusted!.Value, 2 * ordered[1].PValue!.Value)), ordered[1].PAdjusted!.Value, 12);
        Assert.All(result.Comparisons, comparison => Assert.Equal(comparison.PAdjusted <= 0.05, comparison.Significant));

        // Listed for its tenant with its kind; a second submit is the same job.
        var listed = await fixture.Grains.GetGrain<IJobRegistryGrain>("local").FindAsync(job.GetPrimaryKeyString());
        Assert.Equal(JobKinds.Evaluation, listed?.Kind);
        Assert.Equal(JobStatus.Completed, (await job.SubmitAsync(spec, "local")).Status);
    }

    [Fact]
    public async Task An_evaluation_of_a_run_that_is_not_the_tenants_fails_naming_the_model()
    {
        File.WriteAllText(Path.Combine(_directory, "test.csv"), "y,g\n0,0\n1,1\n");
        var spec = EvaluationSpecReader.Read("""
            kind: evaluation
            name: foreign
            data: { format: csv, test: test.csv, label: y, group: g }
            models: [ { name: theirs, run: run-0123456789ab } ]
            """, [], _directory);
        var job = fixture.Grains.GetGrain<IEvaluationGrain>($"eval-{Guid.NewGuid():N}");

        await job.SubmitAsync(spec, "local");
        var final = await FinalAsync(job);

        Assert.Equal(JobStatus.Failed, final.Info.Status);
        Assert.Equal("models[0].run: no run 'run-0123456789ab'", final.Info.Reason);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static async Task<JobView> FinalAsync(IEvaluationGrain job)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (var update in job.WatchJobAsync(0, deadline.Token))
        {
            if (update.Final is { } final)
            {
                return final;
            }
        }
        throw new InvalidOperationException("the watch ended without a final view");
    }
}
