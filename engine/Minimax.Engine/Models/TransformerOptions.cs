namespace Minimax.Engine.Models;

/// <summary>
/// The shape of a <see cref="TransformerLm"/>: vocabulary, context length (positions), number of blocks,
/// attention heads per block, residual width, MLP hidden width, and the dropout rate used in train mode.
/// </summary>
public sealed record TransformerOptions(int VocabularySize, int Context, int Layers, int Heads, int Width, int Ff, double Dropout)
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(VocabularySize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Layers);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Heads);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Ff);
        if (Width % Heads != 0)
        {
            throw new ArgumentException($"Width {Width} is not divisible by {Heads} heads.", nameof(Width));
        }

        if (Dropout is < 0 or >= 1 || double.IsNaN(Dropout))
        {
            throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "Dropout must be in [0, 1).");
        }
    }
}
