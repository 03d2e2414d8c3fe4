namespace Minimax.Engine.Data;

/// <summary>A hold on a value shared through a <see cref="ParsedDataCache"/>; disposing it lets the value go when no one else holds it.</summary>
public sealed class ParsedDataLease<T> : IDisposable
    where T : class
{
    private Action? release;

    internal ParsedDataLease(T value, Action release)
    {
        Value = value;
        this.release = release;
    }

    /// <summary>The shared value; read it, never write to it.</summary>
    public T Value { get; }

    public void Dispose() => Interlocked.Exchange(ref release, null)?.Invoke();
}
