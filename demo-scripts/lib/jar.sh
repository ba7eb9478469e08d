# Sourced by the launch scripts: sets $repo, $jar (the client Pi's jar: the daemon, democtl,
# plate-check) and $tools_jar (every room: the same plus the booth screen and the rehearsal and
# bring-up tools: the local cluster and Kafka launchers, booth-config, the chaos soak, the
# benchmarks), building both when missing or older than any source or pom of the rooms the root
# pom lists, so every script runs what the tree says.
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
jar="$repo/target/booth.jar"
tools_jar="$repo/target/booth-tools.jar"
rooms=$(sed -n 's|^ *<module>\(.*\)</module>.*|\1|p' "$repo/pom.xml" | grep -vx tests)
sources=("$repo/pom.xml")
for room in $rooms; do
    sources+=("$repo/$room/pom.xml" "$repo/$room/src/main")
done
if [ ! -f "$jar" ] || [ ! -f "$tools_jar" ] || [ -n "$(find "${sources[@]}" -newer "$jar" -print -quit 2>/dev/null)" ]; then
    # Maven's own output goes to a log; every 5 s a line says how long so far and what was downloaded
    log="$repo/target/build.log"
    mkdir -p "$repo/target"
    echo "building $jar (the first build downloads the libraries from Maven Central; its log: $log) ..." >&2
    (cd "$repo" && mvn -B -DskipTests package) > "$log" 2>&1 &
    build=$!
    started=$(date +%s)
    tick=0
    while kill -0 "$build" 2>/dev/null; do
        sleep 1
        tick=$((tick + 1))
        if [ $((tick % 5)) -eq 0 ] && kill -0 "$build" 2>/dev/null; then
            files=$(grep -c '^\(\[INFO\] \)\{0,1\}Downloaded from' "$log" || true)
            echo "  building: $(( $(date +%s) - started )) s, ${files:-0} files downloaded" >&2
        fi
    done
    if ! wait "$build"; then
        tail -n 25 "$log" >&2
        echo "the build failed (above: the end of $log); run 'mvn -DskipTests package' in $repo to see why" >&2
        exit 1
    fi
    echo "built in $(( $(date +%s) - started )) s" >&2
fi
