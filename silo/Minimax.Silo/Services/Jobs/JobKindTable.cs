using Minimax.Contracts.Specs;

namespace Minimax.Silo.Services.Jobs;

/// <summary>Every kind of job the API serves: the one place a new kind is registered on the silo side.</summary>
public sealed class JobKindTable
{
    private static readonly JobKind[] All = [new TrainJobKind(), new DoReMiJobKind(), new EvaluationJobKind(), new SweepJobKind()];

    private readonly Dictionary<string, JobKind> _byName = All.ToDictionary(kind => kind.Name, StringComparer.Ordinal);

    public JobKind this[SpecKind kind] =>
        _byName.Values.FirstOrDefault(candidate => candidate.SpecKind == kind)
        ?? throw SubmitValidation.Invalid("kind", $"{SpecNames.Of(kind)} jobs are not served by this cluster");

    public JobKind? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The kinds' names in registration order.</summary>
    public IReadOnlyList<string> Names { get; } = All.Select(kind => kind.Name).ToArray();
}
