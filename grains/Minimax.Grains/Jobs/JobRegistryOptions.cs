namespace Minimax.Grains.Jobs;

/// <summary>How a tenant's job list is kept (configuration section Jobs).</summary>
public sealed class JobRegistryOptions
{
    /// <summary>Jobs per list page (Jobs:ListPageSize): each page is one state row, well under 64 KiB at the default.</summary>
    public int ListPageSize { get; set; } = 256;
}
