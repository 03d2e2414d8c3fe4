using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>Run reports as the cluster would send them.</summary>
internal static class Reports
{
    public static SplitMetrics Split(int step, double worstAccuracy, int worstGroup, int perGroup) => new()
    {
        AverageAccuracy = 0.9,
        WorstGroupAccuracy = worstAccuracy,
        WorstGroup = worstGroup,
        MacroAccuracy = 0.85,
        TrainWeightedAccuracy = 0.93,
        AverageLoss = 0.25,
        Step = step,
        Groups =
        {
            new GroupMetrics { Group = 0, Count = perGroup, Accuracy = 0.95, Loss = 0.125 },
            new GroupMetrics { Group = 1, Count = perGroup, Accuracy = 0.875, Loss = 0.375 },
            new GroupMetrics { Group = 2, Count = perGroup, Accuracy = worstAccuracy, Loss = 0.75 },
            new GroupMetrics { Group = 3, Count = perGroup, Accuracy = 0.97, Loss = 0.0625 },
        },
    };

    public static RunReport Completed() => new()
    {
        RunId = "run-42",
        Name = "spurious-groupdro",
        Status = "completed",
        Steps = 2000,
        TotalSteps = 2000,
        BestStep = 1200,
        Val = Split(step: 1200, worstAccuracy: 0.8, worstGroup: 2, perGroup: 250),
        Test = Split(step: 1200, worstAccuracy: 0.625, worstGroup: 2, perGroup: 500),
        GroupWeights = { 0.125, 0.25, 0.5, 0.125 },
        TrainGroupCounts = { 1900, 100, 100, 1900 },
        WallSeconds = 12.5,
        Objective = "group_dro",
        Workers = 2,
        MedianStepSeconds = 0.006,
    };
}
