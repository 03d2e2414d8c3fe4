using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>
/// An evaluation as the cluster would send it: ERM and Group DRO on four groups of 500, DRO compared
/// with ERM overall (not significant) and per group (significant on the worst group only).
/// </summary>
internal static class EvaluationReports
{
    public static readonly string[] Groups = ["landbird/land", "landbird/water", "waterbird/land", "waterbird/water"];

    public static JobReport Completed() => new()
    {
        JobId = "eval-3",
        Kind = "evaluation",
        Name = "waterbirds-eval",
        Status = "completed",
        WallSeconds = 4.25,
        Evaluation = Report(),
    };

    public static EvaluationReport Report()
    {
        var report = new EvaluationReport
        {
            Correction = "holm",
            Alpha = 0.05,
            Base = "erm",
            Test = "mcnemar",
            Examples = 2000,
            Groups = { Groups },
            Models =
            {
                Model("erm", "run-erm", [480, 300, 110, 410], worst: 2, new CommonCounterReport
                {
                    Pooled = new CommonCounterRow { Common = 0.9, Counter = 0.7, Drop = 20.0 },
                    PerClass =
                    {
                        new CommonCounterRow { Class = "0", Common = 0.95, Counter = 0.6, Drop = 35.0 },
                        new CommonCounterRow { Class = "1", Common = 0.85, Counter = 0.8, Drop = 5.0 },
                    },
                }),
                Model("dro", "predictions/dro.jsonl", [440, 400, 425, 435], worst: 1, commonCounter: null),
            },
            Comparisons =
            {
                new Comparison
                {
                    Model = "dro", Base = "erm", Scope = "overall", BaseAccuracy = 0.65, Accuracy = 0.85,
                    RelativeDrop = -30.77, Test = "mcnemar_chi2", Statistic = 3.5, PValue = 0.061, PAdjusted = 0.244,
                    Significant = false, BaseOnlyCorrect = 120, ModelOnlyCorrect = 515,
                },
                new Comparison
                {
                    Model = "dro", Base = "erm", Scope = "group", Group = "waterbird/land", BaseAccuracy = 0.22, Accuracy = 0.85,
                    RelativeDrop = -286.4, Test = "mcnemar_exact", PValue = 1e-9, PAdjusted = 1e-8, Significant = true,
                    BaseOnlyCorrect = 5, ModelOnlyCorrect = 320,
                },
                // A base that got nothing right: no relative drop, and a test that could not be run.
                new Comparison
                {
                    Model = "dro", Base = "erm", Scope = "group", Group = "landbird/water", BaseAccuracy = 0, Accuracy = 0.8,
                    Test = "wilson", Significant = false,
                },
            },
        };
        return report;
    }

    private static EvaluatedModel Model(string name, string source, int[] correct, int worst, CommonCounterReport? commonCounter)
    {
        var model = new EvaluatedModel
        {
            Name = name,
            Source = source,
            Count = 2000,
            Correct = correct.Sum(),
            Accuracy = correct.Sum() / 2000.0,
            Ci95 = new Interval { Low = (correct.Sum() / 2000.0) - 0.02, High = (correct.Sum() / 2000.0) + 0.02 },
            WorstGroup = Groups[worst],
            WorstGroupAccuracy = correct[worst] / 500.0,
            MacroAccuracy = correct.Average() / 500.0,
            Abstentions = name == "dro" ? 12 : 0,
            CommonCounter = commonCounter,
        };
        foreach (var (g, right) in correct.Index())
        {
            model.Groups.Add(new EvaluatedGroup
            {
                Group = Groups[g],
                Count = 500,
                Correct = right,
                Accuracy = right / 500.0,
                Ci95 = new Interval { Low = (right / 500.0) - 0.03, High = Math.Min(1, (right / 500.0) + 0.03) },
                Loss = 0.5,
                Abstentions = name == "dro" ? 3 : 0,
            });
        }

        return model;
    }
}
