namespace Minimax.Contracts.Specs;

/// <summary>
/// A frozen model every worker scores the training batch with beside the model it trains: the final model
/// <see cref="Run"/> saved, of the same model spec. Read only for objectives that use one (a DoReMi proxy
/// stage, whose mixture job sets it); not a run spec YAML field, since a run id names another run's model.
/// </summary>
[GenerateSerializer, Immutable, Alias("minimax.ReferenceModelSpec")]
public sealed record ReferenceModelSpec
{
    [Id(0)] public required string Run { get; init; }
}
