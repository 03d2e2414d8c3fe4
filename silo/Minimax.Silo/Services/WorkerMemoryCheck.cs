using Minimax.Contracts.Specs;
using Minimax.Engine.Data;
using Minimax.Engine.Files;
using Minimax.Engine.Models;
using Minimax.Grains.Training;
using Minimax.Silo.Hosting;

namespace Minimax.Silo.Services;

/// <summary>Refuses a job whose estimated peak memory per worker exceeds Limits:MaxWorkerMemoryBytes, naming the fields that drive it.</summary>
public static class WorkerMemoryCheck
{
    public static MemoryEstimate Training(ModelSpec model, TrainingSpec training, DataSpec data, bool reference, DataRoots roots, RunLimits limits) =>
        Check(() => MemoryEstimates.ForTraining(model, training, data, reference, roots), model, limits, "");

    /// <summary>The largest of the models' estimates when scoring them on <paramref name="data"/>.</summary>
    public static MemoryEstimate Scoring(IReadOnlyList<(string Field, RunSpec Run)> runs, DataSpec data, DataRoots roots, RunLimits limits) =>
        runs.Select(run => Check(() => MemoryEstimates.ForScoring(run.Run, data, roots), run.Run.Model, limits, $"{run.Field} "))
            .MaxBy(estimate => estimate.PeakBytes) ?? new MemoryEstimate(0);

    private static MemoryEstimate Check(Func<WorkerMemory> estimate, ModelSpec model, RunLimits limits, string subject)
    {
        WorkerMemory memory;
        try
        {
            memory = estimate();
        }
        catch (DataException exception)
        {
            throw SubmitValidation.Invalid("data", exception.Message);
        }
        if (memory.Peak > limits.MaxWorkerMemoryBytes)
        {
            var largest = memory.Largest;
            throw SubmitValidation.Invalid(
                MemoryEstimates.FieldsOf(largest, model),
                $"{subject}estimated peak {MemoryEstimate.Format(memory.Peak)} per worker exceeds Limits:MaxWorkerMemoryBytes ({MemoryEstimate.Format(limits.MaxWorkerMemoryBytes)}); "
                + $"the largest part is {largest.Name} ({MemoryEstimate.Format(largest.Bytes)})");
        }
        return memory.ToRecord();
    }
}
