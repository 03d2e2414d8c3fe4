using System.Globalization;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;

namespace Minimax.Client.Mixtures;

/// <summary>A mixture job's progress as one bar per stage run; a redirected line when a stage changes status or passes a tenth.</summary>
public static class MixtureProgress
{
    public static IReadOnlyList<ProgressItem> Items(MixtureReport report) =>
        [.. report.Stages.Select(stage => new ProgressItem(
            $"{stage.Round}/{stage.Stage}",
            Describe(stage),
            stage.Status == "completed" ? Math.Max(1, stage.TotalSteps) : stage.Step,
            stage.TotalSteps,
            $"{stage.Status}/{ProgressItem.Tenth(stage.Step, stage.TotalSteps)}"))];

    /// <summary>One stage run, for example "round 1 reference run-7 running step 120/400".</summary>
    public static string Describe(MixtureStage stage)
    {
        var run = stage.RunId.Length > 0 ? $" {stage.RunId}" : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"round {stage.Round} {stage.Stage}{run} {stage.Status} step {stage.Step}/{stage.TotalSteps}");
    }
}
