using Minimax.Contracts.Specs;

namespace Minimax.Silo.Services.Jobs;

/// <summary>Every kind of job the API serves: the one place a new kind is registered on the silo side.</summary>
public sealed class JobKindTable
{
    private readonly Dictionary<string, JobKind> _byName;

    public JobKindTable()
        : this([new TrainJobKind(), new DoReMiJobKind()])
    {
    }

    public JobKindTable(IEnumerable<JobKind> kinds)
    {
        _byName = kinds.ToDictionary(kind => kind.Name, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public JobKind this[SpecKind kind] =>
        _byName.Values.FirstOrDefault(candidate => candidate.SpecKind == kind)
        ?? throw SubmitValidation.Invalid("kind", $"{SpecNames.Of(kind)} jobs are not served by this cluster");

    public JobKind? Find(string name) => _byName.GetValueOrDefault(name);
}
