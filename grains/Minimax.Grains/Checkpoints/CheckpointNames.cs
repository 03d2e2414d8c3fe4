namespace Minimax.Grains.Checkpoints;

/// <summary>Checkpoint names: fixed-width steps, so one name is never a prefix of another step's.</summary>
public static class CheckpointNames
{
    public static string ForStep(string runId, int step) => $"{runId}/step-{step:D9}";

    // The parts a checkpoint streams apart from its small state; their names start with the checkpoint's, so
    // deleting the checkpoint by its name as a prefix deletes them too.

    /// <summary>The replica's parameters and optimizer state, written by a worker.</summary>
    public static string ReplicaOf(string checkpoint) => $"{checkpoint}-replica";

    /// <summary>The selected model's parameters so far, as raw float32 bytes.</summary>
    public static string BestParametersOf(string checkpoint) => $"{checkpoint}-best";

    /// <summary>The parameters a completed run ends with (a DoReMi reference model, or any model to export).</summary>
    public static string FinalModel(string runId) => $"{runId}/final-model";
}
