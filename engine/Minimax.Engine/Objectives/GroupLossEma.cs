namespace Minimax.Engine.Objectives;

/// <summary>
/// The reference LossComputer's exponential moving average of group losses (ALGORITHMS.md 1c step 3):
/// the first observation of a group sets it, afterwards E_g ← (1−γ)E_g + γL_g for present groups.
/// </summary>
public sealed class GroupLossEma
{
    private readonly double[] values;
    private readonly bool[] initialized;

    public GroupLossEma(int groups, double gamma = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(groups);
        Gamma = gamma;
        values = new double[groups];
        initialized = new bool[groups];
    }

    public double Gamma { get; }

    public double[] Values => (double[])values.Clone();

    public bool[] Initialized => (bool[])initialized.Clone();

    public void Update(double[] groupLosses, long[] groupCounts)
    {
        ArgumentNullException.ThrowIfNull(groupLosses);
        ArgumentNullException.ThrowIfNull(groupCounts);
        for (var g = 0; g < values.Length; g++)
        {
            if (groupCounts[g] <= 0)
            {
                continue;
            }

            values[g] = initialized[g] ? (1 - Gamma) * values[g] + Gamma * groupLosses[g] : groupLosses[g];
            initialized[g] = true;
        }
    }
}
