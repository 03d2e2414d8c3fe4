using Minimax.Contracts.Grains;
using Minimax.Grains.Telemetry;

namespace Minimax.Grains.Training;

/// <summary>A session's step metrics: counters and histograms without per-job tags, recorded without allocation.</summary>
public sealed partial class TrainingSession
{
    private static void RecordStep(long started, long forwarded, long weighed, long stepped)
    {
        MinimaxMetrics.RunSteps.Add(1);
        MinimaxMetrics.RecordPhase("forward", started, forwarded);
        MinimaxMetrics.RecordPhase("weight_update", forwarded, weighed);
        MinimaxMetrics.RecordPhase("backward_exchange_step", weighed, stepped);
    }

    private static void RecordGradientBytes(StepOutcome[] outcomes)
    {
        long sent = 0;
        foreach (var outcome in outcomes)
        {
            sent += outcome.BytesSent;
        }
        MinimaxMetrics.GradientBytes.Add(sent);
    }
}
