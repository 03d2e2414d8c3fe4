namespace Minimax.Cli.Data;

/// <summary>Size and seed of the synthetic multi-domain corpus; see <see cref="DomainCorpusGenerator"/>.</summary>
internal sealed record DomainCorpusOptions
{
    /// <summary>The largest accepted --train-kib or --heldout-kib: 64 MiB per domain and split.</summary>
    public const int MaxKib = 64 * 1024;

    public int Seed { get; init; }

    /// <summary>Bytes of training text per domain, in KiB.</summary>
    public int TrainKib { get; init; } = 64;

    /// <summary>Bytes of held-out text per domain, in KiB.</summary>
    public int HeldoutKib { get; init; } = 8;

    /// <summary>The first problem with these options, as "--option: reason", or null.</summary>
    public string? Validate()
    {
        if (TrainKib is < 1 or > MaxKib)
        {
            return $"--train-kib: must be between 1 and {MaxKib}";
        }

        if (HeldoutKib is < 1 or > MaxKib)
        {
            return $"--heldout-kib: must be between 1 and {MaxKib}";
        }

        return null;
    }
}
