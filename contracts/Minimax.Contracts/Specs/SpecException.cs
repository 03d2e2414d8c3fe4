namespace Minimax.Contracts.Specs;

/// <summary>A run spec that cannot be used, naming the field (a dotted path) and why.</summary>
public sealed class SpecException : Exception
{
    public SpecException(string field, string reason)
        : base($"{field}: {reason}")
    {
        Field = field;
        Reason = reason;
    }

    public SpecException(string field, string reason, Exception innerException)
        : base($"{field}: {reason}", innerException)
    {
        Field = field;
        Reason = reason;
    }

    /// <summary>Dotted path of the offending field, for example <c>training.optimizer.lr</c>.</summary>
    public string Field { get; }

    public string Reason { get; }
}
