namespace Minimax.Grains.Checkpoints;

/// <summary>Checkpoint names: fixed-width steps, so one name is never a prefix of another step's.</summary>
public static class CheckpointNames
{
    public static string ForStep(string runId, int step) => $"{runId}/step-{step:D9}";

    /// <summary>The parameters a completed run ends with (a DoReMi reference model, or any model to export).</summary>
    public static string FinalModel(string runId) => $"{runId}/final-model";
}
