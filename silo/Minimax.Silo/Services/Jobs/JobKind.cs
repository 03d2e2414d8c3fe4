using Minimax.Contracts.Api;
using Minimax.Contracts.Grains.Jobs;
using Minimax.Contracts.Specs;

namespace Minimax.Silo.Services.Jobs;

/// <summary>
/// One kind of job as the API sees it: how its spec is validated and submitted and how its detail maps
/// onto the wire. Everything else (tenancy, ids, admission, get, watch, cancel, list) is the same for
/// every kind and lives in <see cref="JobsService"/>. A new kind is one subclass plus a line in <see cref="JobKindTable"/>.
/// </summary>
public abstract class JobKind
{
    /// <summary>The kind's name: its spec's <c>kind</c> key and the job's kind on the wire.</summary>
    public abstract string Name { get; }

    public abstract SpecKind SpecKind { get; }

    /// <summary>The first part of its job ids ("run", "mix", ...), for people reading them; never parsed.</summary>
    public abstract string IdPrefix { get; }

    /// <summary>Validates the parsed spec for the caller (INVALID_ARGUMENT naming the field) and returns what submits it: (grains, job id, tenant).</summary>
    public abstract Task<Func<IGrainFactory, string, string, Task>> PrepareAsync(ParsedSpec parsed, JobContext context);

    public abstract void Describe(JobDetail detail, JobReport report);

    /// <summary>A progress event; <paramref name="start"/> is the job's detail when the watch began.</summary>
    public abstract void Describe(JobDetail progress, JobInfo info, JobDetail? start, JobProgress target);
}
