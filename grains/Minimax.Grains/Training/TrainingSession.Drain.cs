namespace Minimax.Grains.Training;

/// <summary>A session's part in a silo's drain: a checkpoint at the step boundary, then the session ends for the coordinator to move the run.</summary>
public sealed partial class TrainingSession
{
    // The step the run's recorded checkpoint holds: a drain right after it, or right after a restore, writes no new one.
    private int _checkpointedStep = -1;

    private async Task CheckpointForDrainAsync()
    {
        if (_step > 0 && _step != _checkpointedStep)
        {
            await CheckpointAsync();
        }
        throw new RunDrainingException(_step);
    }
}
