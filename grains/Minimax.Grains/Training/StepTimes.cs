namespace Minimax.Grains.Training;

/// <summary>
/// The step times a run's report summarises (their median), in bounded memory and checkpoint space. While a
/// run has taken at most <see cref="Capacity"/> steps it holds every step's time, so the median is exact; past
/// that it holds a uniform sample of <see cref="Capacity"/> of them (reservoir sampling, Vitter 1985,
/// Algorithm R) and the exact count, and the median of the sample is within a few percent in rank (about
/// 1/(2·sqrt(Capacity))) of the true one. The slot a step may replace is a hash of its index rather than a
/// random draw, so a run resumed from a checkpoint samples exactly as if it had never stopped.
/// </summary>
public sealed class StepTimes
{
    public const int Capacity = 512;

    private readonly List<double> _sample = [];

    /// <summary>Steps timed, also those no longer in the sample.</summary>
    public long Count { get; private set; }

    /// <summary>What a checkpoint keeps: at most <see cref="Capacity"/> times.</summary>
    public double[] Sample => [.. _sample];

    /// <summary>The upper median of the times held (the middle one after sorting), 0 before any step.</summary>
    public double Median
    {
        get
        {
            var sorted = _sample.Order().ToArray();
            return sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
        }
    }

    public void Add(double seconds)
    {
        if (_sample.Count < Capacity)
        {
            _sample.Add(seconds);
        }
        else if (Slot(Count) is var slot && slot < Capacity)
        {
            _sample[(int)slot] = seconds;
        }
        Count++;
    }

    /// <summary>
    /// The times a checkpoint kept. A <paramref name="count"/> of 0 is a checkpoint written before the sample was
    /// bounded, which kept every step's time: they are added one by one.
    /// </summary>
    public void Restore(IReadOnlyList<double> sample, long count)
    {
        _sample.Clear();
        Count = 0;
        if (count == 0)
        {
            foreach (var seconds in sample)
            {
                Add(seconds);
            }
            return;
        }
        _sample.AddRange(sample.Take(Capacity));
        Count = Math.Max(count, _sample.Count);
    }

    // Algorithm R: the step of 0-based index i replaces slot j, uniform in [0, i], when j < Capacity.
    private static long Slot(long index) => (long)(Mix((ulong)index) % (ulong)(index + 1));

    // SplitMix64's finalizer (Steele, Lea and Flood 2014): a well-spread 64-bit hash of the index.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
