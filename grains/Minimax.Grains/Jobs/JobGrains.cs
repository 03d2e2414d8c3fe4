using Minimax.Contracts.Grains;
using Minimax.Contracts.Grains.Evaluations;
using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Grains.Jobs;

/// <summary>The grain of each kind of job: the one table a new kind registers its grain interface in.</summary>
public static class JobGrains
{
    private static readonly Dictionary<string, Func<IGrainFactory, string, IJobGrain>> Kinds = new()
    {
        [JobKinds.Train] = (grains, id) => grains.GetGrain<IRunGrain>(id),
        [JobKinds.DoReMi] = (grains, id) => grains.GetGrain<IMixtureGrain>(id),
        [JobKinds.Evaluation] = (grains, id) => grains.GetGrain<IEvaluationGrain>(id),
        [JobKinds.Sweep] = (grains, id) => grains.GetGrain<ISweepGrain>(id),
    };

    public static IJobGrain Get(IGrainFactory grains, JobEntry job) =>
        Kinds.TryGetValue(job.Kind, out var grain)
            ? grain(grains, job.JobId)
            : throw new ArgumentException($"kind: no job kind '{job.Kind}'");

    /// <summary>The job's info, or null for an entry that is not there (not admitted yet, or of no known kind).</summary>
    public static async Task<JobInfo?> Find(IGrainFactory grains, JobEntry? job) =>
        job is not null && Kinds.ContainsKey(job.Kind) ? await Get(grains, job).GetInfoAsync() : null;
}
