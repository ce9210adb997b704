"""The benchmark's report: every ratio the project holds itself to, and the tables of
bench/out/results.md."""

import search_bench


def ratios(results, runs, live, scale):
    """Every ratio the project holds itself to, named with its target."""
    floor = runs["floor (uncached)"]["rps"]
    found = {}
    # Served with the page cache off, a page is rendered cold for every request: held by the
    # cold render's own budget (against the commit given with --before), no target here.
    for name in live:
        found[f"{name} uncached / floor"] = round(runs[f"{name} (uncached)"]["rps"] / floor, 2)
    for name in live:
        found[f"{name} cached / floor (target >= 0.8)"] = round(
            runs[f"{name} (cached)"]["rps"] / runs["floor (cached)"]["rps"], 2
        )
    if "before" in results:
        for name, page in results["before"]["pages"].items():
            after = results["before"]["pages_after"][name]
            for label, key in (
                ("scale 1", "render_ms"),
                (f"scale {scale}", f"render_ms_scale{scale}"),
            ):
                found[f"{name} cold render / before, {label}, SQLite (target <= 1.15)"] = round(
                    after[key] / page[key], 2
                )
    databases = {"SQLite": results["pages"]}
    if "pages_postgres" in results:
        databases["PostgreSQL"] = results["pages_postgres"]
    for database, pages in databases.items():
        for name, page in pages.items():
            if page["status"] != 200:
                continue
            found[f"{name} cold render scale {scale} / scale 1, {database} (target <= 1.2)"] = (
                round(page[f"render_ms_scale{scale}"] / page["render_ms"], 2)
            )
        found[f"network list cold render ms at scale {scale}, {database} (target < 30)"] = pages[
            "network list"
        ][f"render_ms_scale{scale}"]
    admins = {"SQLite": ("admin", "pages"), "PostgreSQL": ("admin_postgres", "pages_postgres")}
    for database, (admin_key, pages_key) in admins.items():
        if admin_key not in results:
            continue
        network = results[pages_key]["network section"]
        for name, page in results[admin_key].items():
            for label, suffix in (("scale 1", ""), (f"scale {scale}", f"_scale{scale}")):
                found[
                    f"{name} render / network section cold, {label}, {database} (target <= 2)"
                ] = round(page[f"render_ms{suffix}"] / network[f"render_ms{suffix}"], 2)
    return found


def before_after_rows(results, scale):
    """The pages before (the commit given with --before) and after, from the same run: render
    times in the process on SQLite and requests/s uncached against each one's own floor."""
    before = results["before"]
    runs_after = results["servers"][before["server"]]
    floors = (before["runs"]["floor (uncached)"]["rps"], runs_after["floor (uncached)"]["rps"])
    lines = [
        f"Before ({before['commit']}) and after, in this run, measured in alternating turns "
        f"(SQLite; {before['server']}):",
        "",
        f"| page | cold ms scale 1 | cold ms scale {scale} | warm ms scale 1 "
        f"| warm ms scale {scale} | uncached / floor |",
        "|---|---|---|---|---|---|",
    ]
    for name, page in before["pages"].items():
        after = before["pages_after"][name]
        cells = [
            f"{page[key]} → {after[key]}"
            for key in ("render_ms", f"render_ms_scale{scale}", "render_ms_warm")
            + (f"render_ms_warm_scale{scale}",)
        ]
        uncached = (
            round(before["runs"][f"{name} (uncached)"]["rps"] / floors[0], 2),
            round(runs_after[f"{name} (uncached)"]["rps"] / floors[1], 2),
        )
        cells.append(f"{uncached[0]} → {uncached[1]}")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def cached_throughput(runs):
    """What a server is chosen by: its requests/s over all cached pages (what visitors get)."""
    return sum(run["rps"] for name, run in runs.items() if name.endswith("(cached)"))


def page_rows(pages, scale):
    lines = []
    for name, page in pages.items():
        if page["status"] != 200:
            lines.append(f"| {name} `{page['path']}` | status {page['status']} | | | | |")
            continue
        lines.append(
            f"| {name} | {page['queries']} / {page[f'queries_scale{scale}']} "
            f"| {page['queries_warm']} / {page[f'queries_warm_scale{scale}']} | {page['bytes']} "
            f"| {page['render_ms']} / {page[f'render_ms_scale{scale}']} "
            f"| {page['render_ms_warm']} / {page[f'render_ms_warm_scale{scale}']} |"
        )
    return lines


def render_markdown(results, args):
    scale = args.large_scale
    lines = [
        f"wrk -t2 -c{args.connections} -d{args.seconds}s on 127.0.0.1; production settings, "
        f"2 workers; best server (by cached throughput): **{results['best_server']}**. "
        "Uncached runs have the page cache off.",
        "",
        "Render times in the process, without the page cache: cold with every cache emptied "
        "first, warm right after a previous request (the database's own caches warm).",
        "",
        f"| page | queries cold (scale 1 / {scale}) | queries warm | bytes "
        f"| render ms cold (scale 1 / {scale}) | render ms warm (scale 1 / {scale}) |",
        "|---|---|---|---|---|---|",
    ]
    lines += page_rows(results["pages"], scale)
    if "pages_postgres" in results:
        lines += ["", "The same on PostgreSQL:", "", lines[4], lines[5]]
        lines += page_rows(results["pages_postgres"], scale)
    for key, database in (("admin", "SQLite"), ("admin_postgres", "PostgreSQL")):
        if key not in results:
            continue
        lines += [
            "",
            f"The admin on {database}, rendered in the process with every cache emptied:",
            "",
            f"| page | queries (scale 1 / {scale}) | render ms (scale 1 / {scale}) |",
            "|---|---|---|",
        ]
        for name, page in results[key].items():
            lines.append(
                f"| {name} | {page['queries']} / {page[f'queries_scale{scale}']} "
                f"| {page['render_ms']} / {page[f'render_ms_scale{scale}']} |"
            )
    for kind, runs in results["servers"].items():
        lines += ["", f"**{kind}**", "", "| run | requests/s | p50 ms | p99 ms | non-2xx |"]
        lines.append("|---|---|---|---|---|")
        for name, run in runs.items():
            lines.append(
                f"| {name} | {run['rps']} | {run['p50_ms']} | {run['p99_ms']} | {run['errors']} |"
            )
    for database, runs in results.get("search", {}).items():
        lines += ["", search_bench.render_markdown(runs, f"{database}, scale {scale}").rstrip()]
    if "before" in results:
        lines += ["", *before_after_rows(results, scale)]
    lines += ["", "| ratio | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in results["ratios"].items()]
    return "\n".join(lines) + "\n"
