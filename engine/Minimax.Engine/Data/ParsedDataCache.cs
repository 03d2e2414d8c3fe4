namespace Minimax.Engine.Data;

/// <summary>
/// Parsed datasets shared by every worker of a process that reads the same files with the same options, so W
/// workers starting together parse a file once instead of W times. An entry lives only while a lease on it is
/// held and is dropped with the last lease: nothing is kept for later. Concurrent acquirers of one key wait for
/// one parse; a failed parse is shared by those waiting and then forgotten, so the next acquirer tries again.
/// </summary>
/// <remarks>
/// The key (<see cref="DataFingerprint"/>) is computed by each acquirer through its own data roots, which is
/// what checks that acquirer's right to the files before it is handed the shared copy. Shared values are never
/// written to: a worker copies its shard out of them.
/// </remarks>
public sealed class ParsedDataCache
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long parses;

    /// <summary>How many parses this cache has run: one per key per time it was first acquired while unheld.</summary>
    public long Parses => Interlocked.Read(ref parses);

    /// <summary>The keys held now.</summary>
    public int Held
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>
    /// A lease on the value parsed for <paramref name="key"/>: the one being parsed or already parsed for a holder
    /// now, or a new one from <paramref name="parse"/>. Blocks while another thread parses it; call it off any
    /// scheduler that must stay responsive.
    /// </summary>
    public ParsedDataLease<T> Acquire<T>(string key, Func<T> parse)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(parse);
        var typedKey = typeof(T).FullName + "\n" + key;
        Entry entry;
        lock (gate)
        {
            if (!entries.TryGetValue(typedKey, out var held))
            {
                held = new Entry(new Lazy<object>(
                    () =>
                    {
                        Interlocked.Increment(ref parses);
                        return parse();
                    },
                    LazyThreadSafetyMode.ExecutionAndPublication));
                entries.Add(typedKey, held);
            }

            held.Holders++;
            entry = held;
        }

        try
        {
            return new ParsedDataLease<T>((T)entry.Value.Value, () => Release(typedKey, entry));
        }
        catch
        {
            Release(typedKey, entry);
            throw;
        }
    }

    private void Release(string key, Entry entry)
    {
        lock (gate)
        {
            if (--entry.Holders == 0 && entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                entries.Remove(key);
            }
        }
    }

    private sealed class Entry(Lazy<object> value)
    {
        public Lazy<object> Value { get; } = value;

        public int Holders { get; set; }
    }
}
