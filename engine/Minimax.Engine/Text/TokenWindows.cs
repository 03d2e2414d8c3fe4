namespace Minimax.Engine.Text;

/// <summary>
/// Fixed-length training examples of a language model: <see cref="Count"/> windows of
/// <see cref="Context"/> + 1 tokens (inputs are the first <see cref="Context"/>, targets the last
/// <see cref="Context"/>), each from one domain. Windows play the role of rows in a tabular split.
/// </summary>
public sealed class TokenWindows
{
    public TokenWindows(int context, long[] tokens, int[] domains)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(context);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(domains);
        if (tokens.LongLength != (long)domains.Length * (context + 1))
        {
            throw new ArgumentException($"{domains.Length} windows of {context + 1} tokens need {(long)domains.Length * (context + 1)} tokens, not {tokens.LongLength}.", nameof(tokens));
        }

        Context = context;
        Tokens = tokens;
        Domains = domains;
    }

    public int Context { get; }

    /// <summary>Row-major [Count, Context + 1].</summary>
    public long[] Tokens { get; }

    /// <summary>The domain index of each window.</summary>
    public int[] Domains { get; }

    public int Count => Domains.Length;

    public int WindowLength => Context + 1;

    public ReadOnlySpan<long> Window(int index) => Tokens.AsSpan(index * WindowLength, WindowLength);

    public TokenWindows Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + count, Count);
        return new TokenWindows(
            Context,
            Tokens.AsSpan(start * WindowLength, count * WindowLength).ToArray(),
            Domains.AsSpan(start, count).ToArray());
    }
}
