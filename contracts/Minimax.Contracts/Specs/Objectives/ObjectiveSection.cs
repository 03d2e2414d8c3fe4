namespace Minimax.Contracts.Specs.Objectives;

/// <summary>
/// One objective kind's part of the run spec reader: its YAML name, the <c>objective.*</c> fields it reads,
/// how it reads them and the checks that hold when a run uses it. The rule side of the same objective is
/// registered in Minimax.Grains (Training/Objectives); <see cref="Kind"/> joins the two.
/// </summary>
internal sealed record ObjectiveSection(ObjectiveKind Kind, string Name)
{
    /// <summary>The fields under <c>objective</c> this kind reads, besides the general <c>kind</c> and <c>balanced_sampling</c>.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>Why a plain run spec may not name this kind (the <c>objective.kind</c> error), or null when it may.</summary>
    public string? RunSpecRefusal { get; init; }

    /// <summary>
    /// Reads this kind's fields (type and range checks) into the spec. Every usable kind reads its fields
    /// whatever the chosen kind, so one spec can run with each kind through <c>--set objective.kind=...</c>.
    /// </summary>
    public Func<IReadOnlyDictionary<string, SpecNode>, ObjectiveSpec, ObjectiveSpec> Bind { get; init; } = (_, spec) => spec;

    /// <summary>Checks between fields that apply only when a run uses this kind.</summary>
    public Action<IReadOnlyDictionary<string, SpecNode>, ObjectiveSpec> Check { get; init; } = (_, _) => { };
}
