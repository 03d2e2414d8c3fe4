using Minimax.Contracts.Specs;
using TorchSharp.Modules;

namespace Minimax.Grains.Training;

/// <summary>
/// The learning rate of a step, a function of the step alone (so a resumed run steps exactly as an
/// uninterrupted one): linear warm-up from 0 to lr over optimizer.warmup steps, then training.lr_schedule
/// from lr at the end of the warm-up to final_fraction * lr at the last step.
/// </summary>
public static class LearningRate
{
    /// <summary>The rate of 1-based step <paramref name="step"/> of a run of <paramref name="totalSteps"/> steps.</summary>
    public static double At(TrainingSpec training, int step, int totalSteps)
    {
        var optimizer = training.Optimizer;
        if (optimizer.Warmup > 0 && step < optimizer.Warmup)
        {
            return optimizer.Lr * step / optimizer.Warmup;
        }

        var schedule = training.LrSchedule;
        if (schedule.Kind == LrScheduleKind.Constant || totalSteps <= optimizer.Warmup)
        {
            return optimizer.Lr;
        }

        // The fraction of the decay done, 0 at the end of the warm-up and 1 at the last step.
        var progress = Math.Clamp((double)(step - optimizer.Warmup) / (totalSteps - optimizer.Warmup), 0, 1);
        var final = schedule.FinalFraction;
        var fraction = schedule.Kind switch
        {
            LrScheduleKind.Linear => 1 - (1 - final) * progress,
            LrScheduleKind.Cosine => final + (1 - final) * 0.5 * (1 + Math.Cos(Math.PI * progress)),
            LrScheduleKind.Exponential => Math.Pow(final, progress),
            _ => throw new ArgumentOutOfRangeException(nameof(training), schedule.Kind, "Unknown learning-rate schedule."),
        };
        return optimizer.Lr * fraction;
    }

    /// <summary>Sets <paramref name="rate"/> on every parameter group (the decayed one and the one spared from decay).</summary>
    public static void Apply(OptimizerHelper optimizer, double rate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = rate;
        }
    }
}
