using System.Globalization;

namespace RecSharp.Data.Dataset;

/// <summary>What k-core filtering removed.</summary>
public sealed record KCoreReport(int UserK, int ItemK, int Rounds, long RemovedRows, int RemovedUsers, int RemovedItems);

/// <summary>
/// Iterated k-core filtering: repeatedly removes rows of users with fewer than <c>userK</c> rows and of items with
/// fewer than <c>itemK</c> rows until no row is removed (a fixed point), as RecBole and the S3-Rec preprocessing do.
/// Counts are of rows (interactions), so duplicated pairs count as often as they occur.
/// </summary>
public static class KCoreFilter
{
    public static (InteractionTable Table, KCoreReport Report) Apply(InteractionTable table, int userK, int itemK)
    {
        var keep = new bool[table.Count];
        Array.Fill(keep, true);
        var users = table.Users;
        var items = table.Items;
        var userCount = new Dictionary<long, int>();
        var itemCount = new Dictionary<long, int>();
        var rounds = 0;
        long removedRows = 0;
        while (true)
        {
            rounds++;
            userCount.Clear();
            itemCount.Clear();
            for (var i = 0; i < keep.Length; i++)
            {
                if (keep[i])
                {
                    userCount[users[i]] = userCount.GetValueOrDefault(users[i]) + 1;
                    itemCount[items[i]] = itemCount.GetValueOrDefault(items[i]) + 1;
                }
            }

            var removedThisRound = 0;
            for (var i = 0; i < keep.Length; i++)
            {
                if (keep[i] && (userCount[users[i]] < userK || itemCount[items[i]] < itemK))
                {
                    keep[i] = false;
                    removedThisRound++;
                }
            }

            removedRows += removedThisRound;
            if (removedThisRound == 0)
            {
                break;
            }
        }

        var distinctUsers = new HashSet<long>(users.ToArray()).Count;
        var distinctItems = new HashSet<long>(items.ToArray()).Count;
        var report = new KCoreReport(userK, itemK, rounds, removedRows, distinctUsers - userCount.Count, distinctItems - itemCount.Count);
        var result = table.Filter(keep);
        result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"k-core (users >= {userK}, items >= {itemK}): {rounds} round(s), removed {removedRows:N0} rows, {report.RemovedUsers:N0} users, {report.RemovedItems:N0} items"));
        return (result, report);
    }
}
