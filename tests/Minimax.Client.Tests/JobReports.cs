using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

/// <summary>Kind reports wrapped as the Jobs API sends them: the common fields beside the kind's own report.</summary>
internal static class JobReports
{
    public static JobReport Train(RunReport run) => new()
    {
        JobId = run.RunId,
        Kind = "train",
        Name = run.Name,
        Status = run.Status,
        Reason = run.Reason,
        WallSeconds = run.WallSeconds,
        Run = run,
    };

    public static JobReport Doremi(MixtureReport mixture) => new()
    {
        JobId = mixture.JobId,
        Kind = "doremi",
        Name = mixture.Name,
        Status = mixture.Status,
        Reason = mixture.Reason,
        WallSeconds = mixture.WallSeconds,
        Mixture = mixture,
    };

    public static JobReport Sweep(SweepReport sweep) => new()
    {
        JobId = sweep.JobId,
        Kind = "sweep",
        Name = sweep.Name,
        Status = sweep.Status,
        Reason = sweep.Reason,
        WallSeconds = sweep.WallSeconds,
        Sweep = sweep,
    };

    public static JobProgress Progress(SweepReport sweep) => new()
    {
        JobId = sweep.JobId,
        Kind = "sweep",
        Status = sweep.Status,
        Sweep = sweep,
    };

    public static JobProgress Progress(MixtureReport mixture) => new()
    {
        JobId = mixture.JobId,
        Kind = "doremi",
        Status = mixture.Status,
        Mixture = mixture,
    };

    public static JobProgress Progress(string jobId, RunProgress run) => new()
    {
        JobId = jobId,
        Kind = "train",
        Status = run.Status,
        Step = run.Step,
        TotalSteps = run.TotalSteps,
        Run = run,
    };
}
