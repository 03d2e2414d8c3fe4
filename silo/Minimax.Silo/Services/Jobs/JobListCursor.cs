using System.Globalization;
using Minimax.Contracts.Grains.Jobs;

namespace Minimax.Silo.Services.Jobs;

/// <summary>
/// Where a ListJobs page ends: a registry list page and the first slot not yet returned. As a page token it
/// is "page.slot"; slots only grow, so deletes between calls neither skip nor repeat a job.
/// </summary>
public readonly record struct JobListCursor(int Page, int Slot)
{
    public const int DefaultPageSize = 100;

    public const int MaxPageSize = 1000;

    /// <summary>The cursor of a token; the start for an empty one; null for text no reply gave.</summary>
    public static JobListCursor? Parse(string token)
    {
        if (token.Length == 0)
        {
            return new JobListCursor(0, 0);
        }
        var parts = token.Split('.');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var page)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var slot)
            ? new JobListCursor(page, slot)
            : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Page}.{Slot}");

    /// <summary>Up to <paramref name="max"/> entries that pass <paramref name="wanted"/> from here on, and the cursor after them (null at the end).</summary>
    public async Task<(IReadOnlyList<JobEntry> Jobs, JobListCursor? Next)> ReadAsync(IJobRegistryGrain registry, int max, Func<JobEntry, bool> wanted)
    {
        var jobs = new List<JobEntry>();
        for (var (page, slot) = (Page, Slot); ; (page, slot) = (page + 1, 0))
        {
            var listed = await registry.ListAsync(page);
            foreach (var entry in listed.Jobs.Where(entry => entry.Slot >= slot && wanted(entry.Job)))
            {
                if (jobs.Count == max)
                {
                    return (jobs, new JobListCursor(page, entry.Slot));
                }
                jobs.Add(entry.Job);
            }
            if (listed.Last)
            {
                return (jobs, null);
            }
        }
    }
}
