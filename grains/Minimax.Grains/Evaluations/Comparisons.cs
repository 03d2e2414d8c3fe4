using Minimax.Contracts.Grains.Evaluations;
using Minimax.Contracts.Specs;
using Minimax.Engine.Evaluation;

namespace Minimax.Grains.Evaluations;

/// <summary>
/// Every model against the base, over all examples and per group: McNemar paired by example (exact or
/// chi-squared, ALGORITHMS.md EVAL-4/5) or non-overlapping Wilson intervals (EVAL-3), then Holm or
/// Benjamini-Hochberg over every McNemar comparison of the job.
/// </summary>
internal static class Comparisons
{
    public const string WilsonTest = "wilson";

    public static IReadOnlyList<ComparisonRecord> Compare(IReadOnlyList<ModelTally> models, EvaluationTable table, ComparisonSpec spec)
    {
        var baseline = models.Single(model => model.Name == spec.Base);
        // Pairing needs each example's correctness; a text corpus has token tallies only.
        var paired = spec.Test == SignificanceTest.McNemar && baseline.RowCorrect is not null;
        var raw = new List<ComparisonRecord>();
        foreach (var model in models.Where(model => model.Name != baseline.Name))
        {
            raw.Add(One(baseline, model, null, paired, table, null));
            for (var g = 0; g < table.GroupCount; g++)
            {
                if (baseline.Counts[g] > 0 && model.Counts[g] > 0)
                {
                    raw.Add(One(baseline, model, table.GroupNames[g], paired, table, g));
                }
            }
        }
        return paired ? Adjusted(raw, spec) : raw;
    }

    private static ComparisonRecord One(ModelTally baseline, ModelTally model, string? groupName, bool paired, EvaluationTable table, int? group)
    {
        var (baseCorrect, modelCorrect, count) = group is { } g
            ? (baseline.Correct[g], model.Correct[g], baseline.Counts[g])
            : (baseline.Correct.Sum(), model.Correct.Sum(), baseline.Counts.Sum());
        var baseAccuracy = count > 0 ? (double)baseCorrect / count : 0;
        var accuracy = count > 0 ? (double)modelCorrect / count : 0;
        var drop = RelativeDrop.Percent(baseAccuracy, accuracy);
        if (!paired)
        {
            var apart = !Wilson.Interval95(baseCorrect, count).Overlaps(Wilson.Interval95(modelCorrect, count));
            return new ComparisonRecord(model.Name, baseline.Name, groupName, baseAccuracy, accuracy, drop, WilsonTest, null, null, null, apart, 0, 0);
        }
        long both = 0, baseOnly = 0, modelOnly = 0, neither = 0;
        for (var i = 0; i < table.Groups.Length; i++)
        {
            if (group is { } only && table.Groups[i] != only)
            {
                continue;
            }
            var (b, m) = (baseline.RowCorrect![i], model.RowCorrect![i]);
            both += b && m ? 1 : 0;
            baseOnly += b && !m ? 1 : 0;
            modelOnly += !b && m ? 1 : 0;
            neither += !b && !m ? 1 : 0;
        }
        var test = McNemar.Test(both, baseOnly, modelOnly, neither);
        return new ComparisonRecord(model.Name, baseline.Name, groupName, baseAccuracy, accuracy, drop, test.Test, test.Statistic, test.PValue, null, false, baseOnly, modelOnly);
    }

    private static IReadOnlyList<ComparisonRecord> Adjusted(List<ComparisonRecord> raw, ComparisonSpec spec)
    {
        var correction = spec.Correction switch
        {
            MultipleTestingCorrection.Holm => Correction.Holm,
            MultipleTestingCorrection.BenjaminiHochberg => Correction.BenjaminiHochberg,
            _ => Correction.None,
        };
        var adjusted = MultipleComparisons.Adjust([.. raw.Select(record => record.PValue!.Value)], correction);
        return [.. raw.Select((record, i) => record with { PAdjusted = adjusted[i], Significant = adjusted[i] <= spec.Alpha })];
    }
}
