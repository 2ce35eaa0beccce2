// GDAL is loaded on demand (dlopen), not linked: it and its ~100 libraries cost 21 ms at every
// start, and only users' own layers and the world basemap need it. These headers give the types;
// the typedefs name the type of each function StrikeMap calls, for the table filled with dlsym.
#include "/usr/include/gdal/gdal.h"
#include "/usr/include/gdal/ogr_api.h"
#include "/usr/include/gdal/ogr_srs_api.h"
#include "/usr/include/gdal/cpl_conv.h"
#include "/usr/include/gdal/cpl_error.h"

typedef __typeof__(&CPLErrorReset) SM_CPLErrorReset;
typedef __typeof__(&CPLSetConfigOption) SM_CPLSetConfigOption;
typedef __typeof__(&CPLGetLastErrorMsg) SM_CPLGetLastErrorMsg;
typedef __typeof__(&CPLSetErrorHandler) SM_CPLSetErrorHandler;
typedef __typeof__(&CPLQuietErrorHandler) SM_CPLQuietErrorHandler;
typedef __typeof__(&GDALAllRegister) SM_GDALAllRegister;
typedef __typeof__(&GDALClose) SM_GDALClose;
typedef __typeof__(&GDALDatasetGetLayer) SM_GDALDatasetGetLayer;
typedef __typeof__(&GDALDatasetGetLayerCount) SM_GDALDatasetGetLayerCount;
typedef __typeof__(&GDALOpenEx) SM_GDALOpenEx;
typedef __typeof__(&OCTDestroyCoordinateTransformation) SM_OCTDestroyCoordinateTransformation;
typedef __typeof__(&OCTNewCoordinateTransformation) SM_OCTNewCoordinateTransformation;
typedef __typeof__(&OGR_F_Destroy) SM_OGR_F_Destroy;
typedef __typeof__(&OGR_F_GetFieldAsString) SM_OGR_F_GetFieldAsString;
typedef __typeof__(&OGR_F_GetFieldCount) SM_OGR_F_GetFieldCount;
typedef __typeof__(&OGR_F_GetFieldDefnRef) SM_OGR_F_GetFieldDefnRef;
typedef __typeof__(&OGR_F_GetGeometryRef) SM_OGR_F_GetGeometryRef;
typedef __typeof__(&OGR_F_IsFieldSetAndNotNull) SM_OGR_F_IsFieldSetAndNotNull;
typedef __typeof__(&OGR_Fld_GetNameRef) SM_OGR_Fld_GetNameRef;
typedef __typeof__(&OGR_GT_Flatten) SM_OGR_GT_Flatten;
typedef __typeof__(&OGR_G_AddGeometryDirectly) SM_OGR_G_AddGeometryDirectly;
typedef __typeof__(&OGR_G_AddPoint_2D) SM_OGR_G_AddPoint_2D;
typedef __typeof__(&OGR_G_CreateGeometry) SM_OGR_G_CreateGeometry;
typedef __typeof__(&OGR_G_DestroyGeometry) SM_OGR_G_DestroyGeometry;
typedef __typeof__(&OGR_G_GetGeometryCount) SM_OGR_G_GetGeometryCount;
typedef __typeof__(&OGR_G_GetGeometryRef) SM_OGR_G_GetGeometryRef;
typedef __typeof__(&OGR_G_GetGeometryType) SM_OGR_G_GetGeometryType;
typedef __typeof__(&OGR_G_GetPointCount) SM_OGR_G_GetPointCount;
typedef __typeof__(&OGR_G_GetPoints) SM_OGR_G_GetPoints;
typedef __typeof__(&OGR_G_GetX) SM_OGR_G_GetX;
typedef __typeof__(&OGR_G_GetY) SM_OGR_G_GetY;
typedef __typeof__(&OGR_G_Intersection) SM_OGR_G_Intersection;
typedef __typeof__(&OGR_G_Transform) SM_OGR_G_Transform;
typedef __typeof__(&OGR_G_Within) SM_OGR_G_Within;
typedef __typeof__(&OGR_L_GetName) SM_OGR_L_GetName;
typedef __typeof__(&OGR_L_GetNextFeature) SM_OGR_L_GetNextFeature;
typedef __typeof__(&OGR_L_GetSpatialRef) SM_OGR_L_GetSpatialRef;
typedef __typeof__(&OGR_L_ResetReading) SM_OGR_L_ResetReading;
typedef __typeof__(&OGR_L_SetAttributeFilter) SM_OGR_L_SetAttributeFilter;
typedef __typeof__(&OGR_L_SetSpatialFilter) SM_OGR_L_SetSpatialFilter;
typedef __typeof__(&OGR_L_SetSpatialFilterRect) SM_OGR_L_SetSpatialFilterRect;
typedef __typeof__(&OSRClone) SM_OSRClone;
typedef __typeof__(&OSRDestroySpatialReference) SM_OSRDestroySpatialReference;
typedef __typeof__(&OSRIsGeographic) SM_OSRIsGeographic;
typedef __typeof__(&OSRIsSame) SM_OSRIsSame;
typedef __typeof__(&OSRNewSpatialReference) SM_OSRNewSpatialReference;
typedef __typeof__(&OSRSetAxisMappingStrategy) SM_OSRSetAxisMappingStrategy;
typedef __typeof__(&OSRSetWellKnownGeogCS) SM_OSRSetWellKnownGeogCS;
typedef __typeof__(&GDALGetRasterXSize) SM_GDALGetRasterXSize;
typedef __typeof__(&GDALGetRasterYSize) SM_GDALGetRasterYSize;
typedef __typeof__(&GDALGetRasterCount) SM_GDALGetRasterCount;
typedef __typeof__(&GDALGetGeoTransform) SM_GDALGetGeoTransform;
typedef __typeof__(&GDALGetProjectionRef) SM_GDALGetProjectionRef;
typedef __typeof__(&GDALGetRasterBand) SM_GDALGetRasterBand;
typedef __typeof__(&GDALGetRasterDataType) SM_GDALGetRasterDataType;
typedef __typeof__(&GDALGetRasterNoDataValue) SM_GDALGetRasterNoDataValue;
typedef __typeof__(&GDALRasterIOEx) SM_GDALRasterIOEx;
