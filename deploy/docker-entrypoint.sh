#!/bin/sh
# The image's entry: the first argument names the service to run.
set -eu
service="${1:-help}"
case "$service" in
  market-feed | position-actor | order-executor | risk-guard | dashboard-gateway)
    shift
    exec node --enable-source-maps "/app/services/$service/dist/main.js" "$@"
    ;;
  *)
    echo "usage: hoga-service <market-feed|position-actor|order-executor|risk-guard|dashboard-gateway>" >&2
    [ "$service" = help ] && exit 0
    echo "unknown service: $service" >&2
    exit 64
    ;;
esac
